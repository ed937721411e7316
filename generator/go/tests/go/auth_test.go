// Credentials of a generated Go SDK (spec/fixtures/auth.yaml) against an httptest server
// that answers what it received: each operation sends the first alternative of its
// requirements whose options are all set, and nothing when none is.
package auth

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sdkgen/vault-go"
	"github.com/sdkgen/vault-go/option"
)

var envVars = []string{
	"VAULT_API_KEY", "VAULT_USERNAME", "VAULT_PASSWORD", "VAULT_APP_ID", "VAULT_APP_SECRET",
	"VAULT_SESSION_COOKIE", "VAULT_PARTNER_KEY", "VAULT_OAUTH", "VAULT_BASE_URL",
}

// client makes a client of a server that echoes the credentials it received, with no
// credential from the environment unless the test sets one after.
func client(t *testing.T, opts ...option.RequestOption) *vault.Client {
	t.Helper()
	for _, v := range envVars {
		t.Setenv(v, "")
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]string{
			"authorization": r.Header.Get("Authorization"),
			"app_id":        r.Header.Get("X-App-Id"),
			"partner_key":   r.Header.Get("X-Partner-Key"),
			"cookie":        r.Header.Get("Cookie"),
			"query":         r.URL.RawQuery,
		})
	}))
	t.Cleanup(srv.Close)
	return vault.NewClient(append([]option.RequestOption{option.WithBaseURL(srv.URL), option.WithMaxRetries(0)}, opts...)...)
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// seen(t)(call) is the answer of call, failing the test on an error.
func seen(t *testing.T) func(*vault.Seen, error) *vault.Seen {
	t.Helper()
	return func(s *vault.Seen, err error) *vault.Seen {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
}

var bg = context.Background()

func TestBearerOrBasic(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []option.RequestOption
		want string
	}{
		{"api key", []option.RequestOption{option.WithAPIKey("tok")}, "Bearer tok"},
		{"basic", []option.RequestOption{option.WithUsername("u"), option.WithPassword("p")}, "Basic dTpw"},
		{"basic without password", []option.RequestOption{option.WithUsername("u")}, "Basic dTo="},
		{"both", []option.RequestOption{option.WithUsername("u"), option.WithPassword("p"), option.WithAPIKey("tok")}, "Bearer tok"},
		{"none", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := seen(t)(client(t, tc.opts...).Items.List(bg))
			if got := str(s.Authorization); got != tc.want {
				t.Fatalf("Authorization %q, want %q", got, tc.want)
			}
		})
	}
}

func TestHeaderAndQueryKeysTogether(t *testing.T) {
	s := seen(t)(client(t, option.WithAppID("app"), option.WithAppSecret("sec"), option.WithAPIKey("tok")).Reports.Retrieve(bg))
	if str(s.AppID) != "app" || str(s.Query) != "app_secret=sec" || str(s.Authorization) != "" {
		t.Fatalf("app id %q, query %q, authorization %q", str(s.AppID), str(s.Query), str(s.Authorization))
	}
	// One of the two is not enough: neither is sent.
	s = seen(t)(client(t, option.WithAppID("app")).Reports.Retrieve(bg))
	if str(s.AppID) != "" || str(s.Query) != "" {
		t.Fatalf("app id %q, query %q with the secret missing", str(s.AppID), str(s.Query))
	}
	// A query parameter given by the caller wins over the credential.
	s = seen(t)(client(t, option.WithAppID("app"), option.WithAppSecret("sec")).Reports.Retrieve(bg, option.WithQuery("app_secret", "mine")))
	if str(s.Query) != "app_secret=mine" {
		t.Fatalf("query %q, want the caller's app_secret", str(s.Query))
	}
}

func TestCookie(t *testing.T) {
	s := seen(t)(client(t, option.WithSessionCookie("c"), option.WithAPIKey("tok")).Session.Retrieve(bg))
	if str(s.Cookie) != "SESSION=c" || str(s.Authorization) != "" {
		t.Fatalf("cookie %q, authorization %q", str(s.Cookie), str(s.Authorization))
	}
}

func TestNoCredentials(t *testing.T) {
	s := seen(t)(client(t, option.WithAPIKey("tok"), option.WithAppID("app"), option.WithSessionCookie("c")).Status.Retrieve(bg))
	if str(s.Authorization)+str(s.AppID)+str(s.Cookie)+str(s.Query) != "" {
		t.Fatalf("credentials sent to an operation without security: %+v", s)
	}
}

func TestOptionalCredentials(t *testing.T) {
	s := seen(t)(client(t, option.WithAPIKey("tok")).Feed.Retrieve(bg))
	if str(s.PartnerKey) != "" || str(s.Authorization) != "" {
		t.Fatalf("partner key %q, authorization %q without a partner key", str(s.PartnerKey), str(s.Authorization))
	}
	s = seen(t)(client(t, option.WithPartnerKey("pk")).Feed.Retrieve(bg))
	if str(s.PartnerKey) != "pk" {
		t.Fatalf("partner key %q", str(s.PartnerKey))
	}
}

func TestFirstAlternativeWins(t *testing.T) {
	s := seen(t)(client(t, option.WithOAuth("oa"), option.WithAPIKey("tok")).Admin.Retrieve(bg))
	if str(s.Authorization) != "Bearer oa" {
		t.Fatalf("Authorization %q, want the OAuth token", str(s.Authorization))
	}
	s = seen(t)(client(t, option.WithAPIKey("tok")).Admin.Retrieve(bg))
	if str(s.Authorization) != "Bearer tok" {
		t.Fatalf("Authorization %q, want the API key", str(s.Authorization))
	}
	// A header given by the caller wins over the credential.
	s = seen(t)(client(t, option.WithAPIKey("tok")).Admin.Retrieve(bg, option.WithHeader("Authorization", "Bearer mine")))
	if str(s.Authorization) != "Bearer mine" {
		t.Fatalf("Authorization %q, want the caller's", str(s.Authorization))
	}
}

func TestEnvironment(t *testing.T) {
	c := client(t)
	t.Setenv("VAULT_APP_ID", "env-app")
	t.Setenv("VAULT_APP_SECRET", "env-sec")
	base := c.Options[len(c.Options)-2] // the test server's base URL
	s := seen(t)(vault.NewClient(base).Reports.Retrieve(bg))
	if str(s.AppID) != "env-app" || str(s.Query) != "app_secret=env-sec" {
		t.Fatalf("app id %q, query %q from the environment", str(s.AppID), str(s.Query))
	}
	// An option given wins over the environment.
	s = seen(t)(vault.NewClient(base, option.WithAppID("given")).Reports.Retrieve(bg))
	if str(s.AppID) != "given" {
		t.Fatalf("app id %q, want the option's", str(s.AppID))
	}
}

func TestCredentialsNotInErrors(t *testing.T) {
	for _, v := range envVars {
		t.Setenv(v, "")
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
	}))
	t.Cleanup(srv.Close)
	c := vault.NewClient(option.WithBaseURL(srv.URL), option.WithAppID("app"), option.WithAppSecret("s3cret"))
	_, err := c.Reports.Retrieve(bg)
	if err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("error %v: want one without the query credential", err)
	}
}
