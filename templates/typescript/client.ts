{{ header }}

{{ imports }}
{%- if !pkg.environments.is_empty() %}
/** The servers of the API, by name. */
export const ENVIRONMENTS = {
{%- for (doc, key, url) in environments %}
{{ doc }}  {{ key }}:{{ url }},
{%- endfor %}
} as const;

/** The name of one of the API's servers. */
export type Environment = keyof typeof ENVIRONMENTS;
{% endif %}
const BASE_URL_ENV = "{{ pkg.env_base_url }}";
{%- if !security.is_empty() %}

/** The API's default security requirements (see `Security`). */
{{ security }}
{%- endif %}

/** Settings of a `Client`. */
export interface ClientOptions {
{%- for o in option_fields %}
{{ o }}
{%- endfor %}
  /**
   * The server URL. Defaults to `process.env["{{ pkg.env_base_url }}"]`, then to
   * the URL of `environment`.
   */
  baseURL?: string | null | undefined;
{%- if !pkg.environments.is_empty() %}
  /** The server to talk to (default: {{ default_env }}). */
  environment?: Environment | undefined;
{%- endif %}
  /** Milliseconds before a request attempt times out (default: 60000). */
  timeout?: number | undefined;
  /** Retries on connection errors, 408, 429 and 5xx but 501 (default: 2). */
  maxRetries?: number | undefined;
  /** A `fetch` implementation to use instead of the global one. */
  fetch?: typeof fetch | undefined;
  /** Headers sent with every request; `null` removes a default header. */
  defaultHeaders?: Record<string, string | null | undefined> | undefined;
  /** Query parameters sent with every request. */
  defaultQuery?: Record<string, unknown> | undefined;
  /** Receives debug messages about retries. */
  logger?: Logger | undefined;
  /** Callbacks run around every HTTP attempt. */
  hooks?: Hooks | undefined;
}

{{ docs }}export class Client extends BaseClient {
{%- for p in option_props %}
{{ p }}
{%- endfor %}
{%- for r in pkg.resources %}
  readonly {{ r.attr }}: {{ r.class }};
{%- endfor %}

  constructor(options: ClientOptions = {}) {
{%- if pkg.environments.is_empty() %}
    const { baseURL, ...rest } = options;
    const url = baseURL ?? readEnv(BASE_URL_ENV) ?? "http://localhost";
{%- else %}
    const { baseURL, environment, ...rest } = options;
    const fallback = ENVIRONMENTS[environment ?? {{ default_env }}];
    const url = baseURL ?? readEnv(BASE_URL_ENV) ?? fallback;
{%- endif %}
    const core: CoreOptions = { ...rest, baseURL: url };
    super(core);
{%- for a in option_assignments %}
{{ a }}
{%- endfor %}
{%- for a in assignments %}
{{ a }}
{%- endfor %}
  }
{%- if !credentials.is_empty() %}

  protected override credentials(): Record<string, Credential | undefined> {
    return {
{%- for c in credentials %}
{{ c }}
{%- endfor %}
    };
  }
{%- endif %}
{%- if !security.is_empty() %}

  protected override defaultSecurity(): Security {
    return SECURITY;
  }
{%- endif %}
}

export { Client as {{ pkg.alias }} };
