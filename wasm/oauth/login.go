package oauth

import (
	"net/url"
	"strings"
)

// isLogin reports whether a request signs a user in, as opposed to
// installing an app or a bot into a workspace or server. Only Slack and
// Discord authorize endpoints also serve installs; every other endpoint in
// the table is a sign-in (GitHub App installations live elsewhere and are not
// authorize URLs).
func isLogin(provider, path string, q url.Values, scopes []Scope) bool {
	switch provider {
	case "slack":
		return slackLogin(path, q)
	case "discord":
		return discordLogin(scopes)
	}
	return true
}

// slackLogin: "Sign in with Slack" (OpenID Connect) is a login; on the
// OAuth v2 endpoint only user scopes (user_scope) act for the person, while
// scope= alone asks for bot scopes: the "Add to Slack" button. The legacy
// endpoint is a login when it asks for identity.* scopes and not for a bot.
func slackLogin(path string, q url.Values) bool {
	p := strings.ToLower(strings.TrimSuffix(path, "/"))
	switch p {
	case "/openid/connect/authorize":
		return true
	case "/oauth/v2/authorize":
		return len(strings.FieldsFunc(q.Get("user_scope"), isScopeSeparator)) > 0
	}
	identity := false
	for _, s := range strings.FieldsFunc(q.Get("scope"), isScopeSeparator) {
		switch {
		case s == "bot" || s == "incoming-webhook" || s == "commands":
			return false
		case strings.HasPrefix(s, "identity."):
			identity = true
		}
	}
	return identity
}

// discordInstallScopes are the Discord scopes that add something to a
// server rather than act for the person.
var discordInstallScopes = map[string]bool{
	"bot":                   true,
	"applications.commands": true,
	"webhook.incoming":      true,
	"applications.commands.permissions.update": true,
}

// discordLogin: a request with the bot scope adds a bot to a server; one
// with only application-command or webhook scopes installs an app. Anything
// else (identify, email, guilds...) signs the person in.
func discordLogin(scopes []Scope) bool {
	if len(scopes) == 0 {
		return true
	}
	for _, s := range scopes {
		if s.Name == "bot" {
			return false
		}
	}
	for _, s := range scopes {
		if !discordInstallScopes[s.Name] {
			return true
		}
	}
	return false
}
