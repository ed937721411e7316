{{ header }}

{{ imports }}
{%- if !pkg.environments.is_empty() %}
/** The servers of the API, by name. */
export const ENVIRONMENTS = {
{%- for (doc, key, url) in environments %}
{{ doc }}  {{ key }}: {{ url }},
{%- endfor %}
} as const;

/** The name of one of the API's servers. */
export type Environment = keyof typeof ENVIRONMENTS;
{% endif %}
{%- if pkg.auth.token.is_some() %}
const API_KEY_ENV = "{{ pkg.env_api_key }}";
{%- endif %}
const BASE_URL_ENV = "{{ pkg.env_base_url }}";
{%- if pkg.auth.basic %}
const USERNAME_ENV = "{{ pkg.env_username }}";
const PASSWORD_ENV = "{{ pkg.env_password }}";
{%- endif %}

/** Settings of a `Client`. */
export interface ClientOptions {
{%- if pkg.auth.token.is_some() %}
  /**
   * The API key, {{ api_key_doc }}.
   * Defaults to `process.env["{{ pkg.env_api_key }}"]`.
   */
  apiKey?: string | null | undefined;
{%- endif %}
{%- if pkg.auth.basic %}
  /**
   * The user name for HTTP basic authentication.
   * Defaults to `process.env["{{ pkg.env_username }}"]`.
   */
  username?: string | null | undefined;
  /**
   * The password for HTTP basic authentication.
   * Defaults to `process.env["{{ pkg.env_password }}"]`.
   */
  password?: string | null | undefined;
{%- endif %}
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
{%- if pkg.auth.token.is_some() %}
  /** The API key ({{ api_key_doc }}). */
  apiKey: string | null;
{%- endif %}
{%- if pkg.auth.basic %}
  /** The user name for HTTP basic authentication. */
  username: string | null;
  /** The password for HTTP basic authentication. */
  password: string | null;
{%- endif %}
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
{%- if pkg.auth.token.is_some() %}
    this.apiKey = options.apiKey ?? readEnv(API_KEY_ENV) ?? null;
{%- endif %}
{%- if pkg.auth.basic %}
    this.username = options.username ?? readEnv(USERNAME_ENV) ?? null;
    this.password = options.password ?? readEnv(PASSWORD_ENV) ?? null;
{%- endif %}
{%- for a in assignments %}
{{ a }}
{%- endfor %}
  }
{%- if !auth_headers.is_empty() || pkg.auth.basic %}

  protected override authHeaders(): Record<string, string> {
{%- if !auth_headers.is_empty() %}
    if (this.apiKey !== null) {
{%- for l in auth_headers %}
      {{ l }}
{%- endfor %}
    }
{%- endif %}
{%- if pkg.auth.basic %}
    if (this.username !== null && this.password !== null) {
      const token = btoa(`${this.username}:${this.password}`);
      return { authorization: `Basic ${token}` };
    }
{%- endif %}
    return {};
  }
{%- endif %}
{%- if !auth_query.is_empty() %}

  protected override authQuery(): Record<string, string> {
    if (this.apiKey === null) return {};
{%- for l in auth_query %}
    {{ l }}
{%- endfor %}
  }
{%- endif %}
}

export { Client as {{ pkg.alias }} };
