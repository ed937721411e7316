{{ header }}

{{ imports }}
{{ docs }}export class {{ class }} {
  constructor(private readonly _client: BaseClient) {}
{%- for m in methods %}

{{ m }}
{%- endfor %}
}
{%- for p in params %}

{{ p }}
{%- endfor %}
