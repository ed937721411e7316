{{ header }}
{%- if !imports.is_empty() %}

{{ imports }}
{%- endif %}
{%- for b in blocks %}

{{ b }}
{%- endfor %}
