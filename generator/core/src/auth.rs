//! How a generated client sends credentials: one rule for every SDK language.
//!
//! Every security scheme the API uses becomes a credential of the client: one option for a
//! token (bearer, API key in a header, query parameter or cookie, OAuth 2.0 or OpenID Connect
//! access token), two for HTTP basic (`username`, `password`). Options are named after their
//! scheme (`petstore_auth`, `client_id`), except the API's primary token, which is `api_key`
//! with `<PREFIX>_API_KEY` as every SDK has it, and the first basic scheme's `username` and
//! `password`.
//!
//! Each operation carries its requirements: alternatives (OR), each a set of schemes (AND).
//! At run time a client sends the first alternative whose credentials are all configured; an
//! empty alternative (`{}`) makes credentials optional; with none satisfied it sends none and
//! the server's 401 says the rest. Emitters pass an operation's requirements only where they
//! differ from the API's default ([`AuthModel::operation_security`]).

use crate::alloc::NameAllocator;
use crate::ir::{Api, Operation, ParamLocation, SecurityKind};

/// How one scheme's credential travels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Apply {
    /// `Authorization: Bearer <token>` (http bearer, OAuth 2.0, OpenID Connect).
    Bearer,
    /// `Authorization: Basic base64(username:password)`.
    Basic,
    /// A header with this name, holding the value as it is.
    Header(String),
    /// A query parameter with this name.
    Query(String),
    /// A cookie with this name.
    Cookie(String),
}

/// One option of the client: a value given to it or read from an environment variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthOption {
    /// Lower-case words of the option's name (`api_key`, `petstore_auth`, `username`).
    pub words: Vec<String>,
    /// The environment variable it defaults to (`VT_API_KEY`).
    pub env: String,
}

/// A scheme the client can send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeAuth {
    /// The key under `components/securitySchemes`, as the requirements name it.
    pub key: String,
    pub apply: Apply,
    /// One option for a token; `username` then `password` for basic.
    pub options: Vec<AuthOption>,
    /// The scheme's own description.
    pub docs: Option<String>,
    /// What kind of credential it is, for docs: "API key", "access token", "username and password".
    pub what: &'static str,
}

impl SchemeAuth {
    pub fn is_basic(&self) -> bool {
        self.apply == Apply::Basic
    }

    /// How the credential is sent, in Markdown: "as `Authorization: Bearer <value>`".
    pub fn how(&self) -> String {
        match &self.apply {
            Apply::Bearer => "as `Authorization: Bearer <value>`".to_string(),
            Apply::Basic => "as HTTP basic authentication (`Authorization: Basic ...`)".to_string(),
            Apply::Header(h) => format!("in the `{h}` header"),
            Apply::Query(q) => format!("as the `{q}` query parameter"),
            Apply::Cookie(c) => format!("as the `{c}` cookie"),
        }
    }
}

/// The credentials of a client and the API's default requirements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthModel {
    /// Schemes in a stable order: the default requirements' first, then as declared.
    pub schemes: Vec<SchemeAuth>,
    /// Requirements of operations that declare none, as scheme keys (only known schemes).
    pub default: Vec<Vec<String>>,
}

/// Client option words that a credential must not take, whatever the language.
const TAKEN: &[&str] = &[
    "username",
    "password",
    "base_url",
    "environment",
    "timeout",
    "max_retries",
    "http_client",
    "default_headers",
    "default_query",
    "headers",
    "options",
    "client",
];

impl AuthModel {
    /// The credentials of `api`.
    pub fn new(api: &Api) -> Self {
        let prefix = crate::naming::env_prefix(api);
        let known = |k: &String| api.security_schemes.iter().any(|s| &s.key == k);
        let clean = |reqs: &[Vec<String>]| -> Vec<Vec<String>> {
            // An alternative naming an undeclared scheme can never be met: drop it, but keep
            // "no credentials" when nothing else is left.
            reqs.iter()
                .filter(|alt| alt.iter().all(known))
                .cloned()
                .collect::<Vec<_>>()
        };
        // Schemes in use: those any requirement names; when none does, every declared one
        // (a spec that forgot `security` still wants its key sent).
        let mut used: Vec<&str> = Vec::new();
        let named = api
            .security
            .iter()
            .chain(
                api.operations()
                    .filter_map(|o| o.security.as_ref())
                    .flatten(),
            )
            .flatten();
        for k in named {
            if known(k) && !used.contains(&k.as_str()) {
                used.push(k);
            }
        }
        let anywhere = api.security.iter().any(|a| !a.is_empty())
            || api.operations().any(|o| {
                o.security
                    .as_ref()
                    .is_some_and(|s| s.iter().any(|a| !a.is_empty()))
            });
        let mut default = clean(&api.security);
        if !anywhere {
            used = api
                .security_schemes
                .iter()
                .map(|s| s.key.as_str())
                .collect();
            default = used.iter().map(|k| vec![k.to_string()]).collect();
        }
        // Stable order: the default requirements' schemes first, then declaration order.
        let mut order: Vec<&str> = Vec::new();
        for k in default.iter().flatten() {
            if !order.contains(&k.as_str()) {
                order.push(k);
            }
        }
        for s in &api.security_schemes {
            if used.contains(&s.key.as_str()) && !order.contains(&s.key.as_str()) {
                order.push(&s.key);
            }
        }
        let scheme = |k: &str| api.security_schemes.iter().find(|s| s.key == k);
        let is_token = |k: &str| scheme(k).is_some_and(|s| !matches!(s.kind, SecurityKind::Basic));
        // The primary token: the first one the default names alone; else the only one.
        let tokens: Vec<&str> = order.iter().copied().filter(|k| is_token(k)).collect();
        let primary = default
            .iter()
            .find(|alt| alt.len() == 1 && is_token(&alt[0]))
            .map(|alt| alt[0].as_str())
            .or_else(|| (tokens.len() == 1).then(|| tokens[0]));
        let mut names = NameAllocator::new(true);
        names.reserve(TAKEN.iter().copied());
        if primary.is_some() {
            names.reserve(["api_key"]);
        }
        let mut first_basic = true;
        let mut schemes = Vec::new();
        for k in order {
            let Some(s) = scheme(k) else { continue };
            let words = scheme_words(&s.key);
            let (apply, options, what) = match &s.kind {
                SecurityKind::Basic => {
                    let (user, pass) = if first_basic {
                        first_basic = false;
                        (vec!["username".to_string()], vec!["password".to_string()])
                    } else {
                        let stem = names.alloc(&words.join("_"));
                        let stem: Vec<String> = stem.split('_').map(str::to_string).collect();
                        (
                            [stem.clone(), vec!["username".into()]].concat(),
                            [stem, vec!["password".into()]].concat(),
                        )
                    };
                    let opts = [user, pass]
                        .into_iter()
                        .map(|w| AuthOption {
                            env: env(&prefix, &w),
                            words: w,
                        })
                        .collect();
                    (Apply::Basic, opts, "username and password")
                }
                kind => {
                    let w = if Some(k) == primary {
                        vec!["api".to_string(), "key".to_string()]
                    } else {
                        let n = names.alloc(&words.join("_"));
                        n.split('_').map(str::to_string).collect()
                    };
                    let (apply, what) = match kind {
                        SecurityKind::ApiKey { location, name } => (
                            match location {
                                ParamLocation::Query => Apply::Query(name.clone()),
                                ParamLocation::Cookie => Apply::Cookie(name.clone()),
                                _ => Apply::Header(name.clone()),
                            },
                            "API key",
                        ),
                        SecurityKind::OAuth2 { .. } | SecurityKind::OpenIdConnect { .. } => {
                            (Apply::Bearer, "access token")
                        }
                        _ => (Apply::Bearer, "bearer token"),
                    };
                    (
                        apply,
                        vec![AuthOption {
                            env: env(&prefix, &w),
                            words: w,
                        }],
                        what,
                    )
                }
            };
            schemes.push(SchemeAuth {
                key: s.key.clone(),
                apply,
                options,
                docs: s.docs.text(),
                what,
            });
        }
        AuthModel { schemes, default }
    }

    /// The scheme with this key.
    pub fn scheme(&self, key: &str) -> Option<&SchemeAuth> {
        self.schemes.iter().find(|s| s.key == key)
    }

    /// The requirements `op` must meet (its own, else the default), as scheme keys.
    pub fn requirements(&self, op: &Operation) -> Vec<Vec<String>> {
        match &op.security {
            None => self.default.clone(),
            Some(reqs) => reqs
                .iter()
                .filter(|alt| alt.iter().all(|k| self.scheme(k).is_some()))
                .cloned()
                .collect(),
        }
    }

    /// `op`'s requirements when a client must be told them: `None` when they are the default.
    pub fn operation_security(&self, op: &Operation) -> Option<Vec<Vec<String>>> {
        let reqs = self.requirements(op);
        (reqs != self.default).then_some(reqs)
    }

    /// Whether `op` can be called without credentials (none required, or `{}` among them).
    pub fn optional(&self, op: &Operation) -> bool {
        let reqs = self.requirements(op);
        reqs.is_empty() || reqs.iter().any(Vec::is_empty)
    }

    /// The README's authentication section: a table of the options (`option` spells one in
    /// the SDK's language, e.g. `` `api_key=` ``), each scheme's description, and how
    /// alternatives are chosen. Markdown, no trailing newline.
    pub fn readme_markdown(&self, option: impl Fn(&AuthOption) -> String) -> String {
        if self.schemes.is_empty() {
            return "This API declares no authentication.".to_string();
        }
        let mut md = String::from(
            "| Option | Environment variable | Credential | Sent |\n| --- | --- | --- | --- |\n",
        );
        for (s, o) in self.options() {
            let what = match o.words.last() {
                Some(w) if s.is_basic() => format!("{w} (HTTP basic)"),
                _ => s.what.to_string(),
            };
            md.push_str(&format!(
                "| {} | `{}` | {what} | {} |\n",
                option(o),
                o.env,
                s.how()
            ));
        }
        let described: Vec<String> = self
            .schemes
            .iter()
            .filter_map(|s| {
                // The first paragraph: a scheme's description can be a whole guide.
                let d = crate::reference::first_paragraph(s.docs.as_deref()?)?;
                let names: Vec<String> = s.options.iter().map(&option).collect();
                Some(format!("- {}: {d}", names.join(" and ")))
            })
            .collect();
        if !described.is_empty() {
            md.push('\n');
            md.push_str(&described.join("\n"));
            md.push('\n');
        }
        if self.schemes.len() > 1 {
            md.push_str(
                "\nEach operation says which credentials it accepts (see REFERENCE.md); the client sends the\nfirst accepted set it has, and nothing when it has none.\n",
            );
        }
        md.trim_end().to_string()
    }

    /// The options of every scheme, in order.
    pub fn options(&self) -> impl Iterator<Item = (&SchemeAuth, &AuthOption)> {
        self.schemes
            .iter()
            .flat_map(|s| s.options.iter().map(move |o| (s, o)))
    }
}

/// An [`AuthModel`] with each option's name in one SDK language (`WithAPIKey`, `ApiKey`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedAuth {
    pub model: AuthModel,
    /// Per scheme of `model`, per option: its name in the language.
    pub names: Vec<Vec<String>>,
}

impl NamedAuth {
    /// Names every option of `model` with `name`, in order.
    pub fn new(model: AuthModel, mut name: impl FnMut(&AuthOption) -> String) -> Self {
        let names = model
            .schemes
            .iter()
            .map(|s| s.options.iter().map(&mut name).collect())
            .collect();
        NamedAuth { model, names }
    }

    /// Every option with its scheme and name, in order.
    pub fn options(&self) -> impl Iterator<Item = (&SchemeAuth, &AuthOption, &str)> {
        self.model
            .schemes
            .iter()
            .zip(&self.names)
            .flat_map(|(s, n)| {
                s.options
                    .iter()
                    .zip(n)
                    .map(move |(o, name)| (s, o, name.as_str()))
            })
    }

    /// The name of option `o` (empty when `o` is not one of the model's).
    pub fn name(&self, o: &AuthOption) -> &str {
        self.options()
            .find(|(_, x, _)| *x == o)
            .map(|(_, _, n)| n)
            .unwrap_or_default()
    }
}

/// The words of a scheme's key, with `OAuth` kept as one word (`OAuth2` -> `oauth2`).
fn scheme_words(key: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in crate::words::split_words(key) {
        if out.last().is_some_and(|l| l == "o") && w.starts_with("auth") {
            out.pop();
            out.push(format!("o{w}"));
        } else {
            out.push(w);
        }
    }
    out
}

fn env(prefix: &str, words: &[String]) -> String {
    format!("{prefix}_{}", words.join("_").to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(spec: &str) -> (Api, AuthModel) {
        let api = crate::load_str("spec.json", spec).expect("spec loads").api;
        let m = AuthModel::new(&api);
        (api, m)
    }

    #[test]
    fn petstore_names_both_schemes_after_themselves() {
        let (api, m) = model(
            r#"{"openapi":"3.0.0","info":{"title":"Petstore","version":"1"},
            "paths":{"/pets":{"get":{"operationId":"listPets","security":[{"petstore_auth":["read"]}],
              "responses":{"200":{"description":"ok"}}},
              "post":{"operationId":"addPet","security":[{"api_key":[]},{"petstore_auth":["write"]}],
              "responses":{"200":{"description":"ok"}}}},
              "/health":{"get":{"operationId":"health","security":[],"responses":{"200":{"description":"ok"}}}}},
            "components":{"securitySchemes":{
              "petstore_auth":{"type":"oauth2","flows":{"implicit":{"authorizationUrl":"https://x/a","scopes":{}}}},
              "api_key":{"type":"apiKey","in":"header","name":"api_key"}}}}"#,
        );
        let names: Vec<String> = m.options().map(|(_, o)| o.words.join("_")).collect();
        assert_eq!(names, ["petstore_auth", "api_key"]);
        assert_eq!(m.schemes[1].apply, Apply::Header("api_key".into()));
        assert_eq!(m.schemes[0].apply, Apply::Bearer);
        assert_eq!(m.schemes[1].options[0].env, "PETSTORE_API_KEY");
        assert!(m.default.is_empty());
        let ops: Vec<&Operation> = api.operations().collect();
        let by = |id: &str| *ops.iter().find(|o| o.id.wire == id).unwrap();
        assert_eq!(
            m.requirements(by("addPet")),
            vec![
                vec!["api_key".to_string()],
                vec!["petstore_auth".to_string()]
            ]
        );
        assert!(m.optional(by("health")));
        assert!(!m.optional(by("addPet")));
        assert!(
            m.operation_security(by("health")).is_none(),
            "[] is the default here"
        );
    }

    #[test]
    fn primary_token_keeps_api_key_and_basic_is_username_password() {
        let (_, m) = model(
            r#"{"openapi":"3.0.0","info":{"title":"Video Transcriber API","version":"1"},"paths":{},
            "security":[{"bearerAuth":[]},{"basicAuth":[]},{"OAuth2":[]}],
            "components":{"securitySchemes":{
              "basicAuth":{"type":"http","scheme":"basic"},
              "bearerAuth":{"type":"http","scheme":"bearer"},
              "OAuth2":{"type":"oauth2","flows":{}}}}}"#,
        );
        let names: Vec<(String, String)> = m
            .options()
            .map(|(_, o)| (o.words.join("_"), o.env.clone()))
            .collect();
        assert_eq!(
            names,
            [
                ("api_key".into(), "VT_API_KEY".into()),
                ("username".into(), "VT_USERNAME".into()),
                ("password".into(), "VT_PASSWORD".into()),
                ("oauth2".into(), "VT_OAUTH2".into()),
            ]
        );
    }

    #[test]
    fn named_auth_names_each_option_in_order() {
        let (_, m) = model(
            r#"{"openapi":"3.0.0","info":{"title":"Vault","version":"1"},"paths":{},
            "security":[{"bearerAuth":[]},{"basicAuth":[]}],
            "components":{"securitySchemes":{
              "basicAuth":{"type":"http","scheme":"basic"},
              "bearerAuth":{"type":"http","scheme":"bearer"}}}}"#,
        );
        let mut n = 0;
        let named = NamedAuth::new(m.clone(), |o| {
            n += 1;
            format!("{n}{}", o.words.join(""))
        });
        assert_eq!(
            named.names,
            [vec!["1apikey"], vec!["2username", "3password"]]
        );
        let password = &m.schemes[1].options[1];
        assert_eq!(named.name(password), "3password");
        let keys: Vec<&str> = named.options().map(|(s, _, _)| s.key.as_str()).collect();
        assert_eq!(keys, ["bearerAuth", "basicAuth", "basicAuth"]);
    }

    #[test]
    fn and_requirements_name_every_scheme() {
        let (_, m) = model(
            r#"{"openapi":"3.0.0","info":{"title":"Plaid","version":"1"},"paths":{},
            "security":[{"clientId":[],"secret":[]}],
            "components":{"securitySchemes":{
              "clientId":{"type":"apiKey","in":"header","name":"PLAID-CLIENT-ID"},
              "secret":{"type":"apiKey","in":"header","name":"PLAID-SECRET"},
              "unused":{"type":"apiKey","in":"query","name":"k"}}}}"#,
        );
        let names: Vec<String> = m.options().map(|(_, o)| o.words.join("_")).collect();
        assert_eq!(
            names,
            ["client_id", "secret"],
            "an unused scheme takes no option"
        );
        assert_eq!(
            m.default,
            vec![vec!["clientId".to_string(), "secret".to_string()]]
        );
        let md = m.readme_markdown(|o| format!("`{}=`", o.words.join("_")));
        assert!(
            md.contains(
                "| `client_id=` | `PLAID_CLIENT_ID` | API key | in the `PLAID-CLIENT-ID` header |"
            ),
            "{md}"
        );
        assert!(md.contains("first accepted set"), "{md}");
    }

    #[test]
    fn no_requirements_anywhere_offers_every_scheme() {
        let (_, m) = model(
            r#"{"openapi":"3.0.0","info":{"title":"T","version":"1"},"paths":{},
            "components":{"securitySchemes":{
              "key":{"type":"apiKey","in":"cookie","name":"sid"}}}}"#,
        );
        assert_eq!(m.schemes.len(), 1);
        assert_eq!(m.schemes[0].options[0].words, ["api", "key"]);
        assert_eq!(m.schemes[0].apply, Apply::Cookie("sid".into()));
        assert_eq!(m.default, vec![vec!["key".to_string()]]);
    }

    #[test]
    fn clashing_scheme_names_are_renamed() {
        let (_, m) = model(
            r#"{"openapi":"3.0.0","info":{"title":"T","version":"1"},"paths":{},
            "security":[{"a":[]},{"timeout":[]},{"Timeout":[]}],
            "components":{"securitySchemes":{
              "a":{"type":"http","scheme":"bearer"},
              "timeout":{"type":"apiKey","in":"header","name":"X-T"},
              "Timeout":{"type":"apiKey","in":"header","name":"X-U"}}}}"#,
        );
        let names: Vec<String> = m.options().map(|(_, o)| o.words.join("_")).collect();
        assert_eq!(names.len(), 3);
        assert_eq!(names[0], "api_key");
        assert!(names[1] != "timeout" && names[1] != names[2], "{names:?}");
    }
}
