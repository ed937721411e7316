{{ header }}

{{ client_exports -}}
export * from "./core/errors.js";
export { APIPromise, type WithResponse } from "./core/api-promise.js";
export { Page, PagePromise } from "./core/pagination.js";
export { Stream, type ServerSentEvent } from "./core/streaming.js";
export type { FileParts, Uploadable } from "./core/uploads.js";
export type { Hooks, Logger, RequestOptions } from "./core/client.js";
export type * from "./models.js";
{%- for r in pkg.resources %}
export * from "./resources/{{ r.file }}.js";
{%- endfor %}
