package oauth

// endpoint is one provider's authorize endpoint: the hosts that serve it and
// the paths on those hosts that are authorize requests.
//
// A path pattern is matched segment by segment, case-insensitively, with an
// optional trailing slash. Two segments are wildcards:
//
//	{version}  an API version such as v19.0 or v10 (Facebook, Discord)
//	{locale}   a language tag such as en or pt-BR (Spotify)
//	{segment}  any single non-empty segment (a Microsoft tenant)
type endpoint struct {
	provider string
	hosts    []string
	paths    []string
	// wrapper marks a sign-in page shown before the consent screen when the
	// user is not signed in yet. It carries the real authorize URL in one of
	// its query parameters (Facebook's login.php?next=..., Google's
	// ServiceLogin?continue=...), or, for Google's newer pages, a copy of the
	// request's own parameters.
	wrapper bool
	// params are the query parameters that hold the wrapped URL, for a
	// wrapper.
	params []string
}

// Path wildcards.
const (
	wildVersion = "{version}"
	wildLocale  = "{locale}"
	wildSegment = "{segment}"
)

// endpoints is the table of known authorize endpoints, grouped by provider.
// Each entry follows the provider's documented authorize URL; hosts are
// exact (no subdomain wildcards), so a lookalike such as
// accounts.google.com.evil.io never matches.
var endpoints = []endpoint{
	// Facebook Login: https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow
	{provider: "facebook",
		hosts: []string{"www.facebook.com", "facebook.com", "m.facebook.com", "web.facebook.com", "mbasic.facebook.com"},
		paths: []string{"/dialog/oauth", "/{version}/dialog/oauth"}},
	{provider: "facebook", wrapper: true, params: []string{"next"},
		hosts: []string{"www.facebook.com", "facebook.com", "m.facebook.com", "web.facebook.com", "mbasic.facebook.com"},
		paths: []string{"/login.php", "/login"}},

	// Google: https://developers.google.com/identity/protocols/oauth2/web-server
	{provider: "google",
		hosts: []string{"accounts.google.com"},
		paths: []string{
			"/o/oauth2/v2/auth", "/o/oauth2/auth",
			"/o/oauth2/v2/auth/oauthchooseaccount", "/o/oauth2/auth/oauthchooseaccount",
			"/o/oauth2/v2/auth/identifier", "/o/oauth2/auth/identifier",
			"/signin/oauth", "/signin/oauth/consent", "/signin/oauth/id",
			"/signin/oauth/identifier", "/signin/oauth/v2/consentsummary",
			"/signin/oauth/legacy/consent", "/signin/oauth/v2/legacy/consent",
		}},
	{provider: "google", wrapper: true, params: []string{"continue"},
		hosts: []string{"accounts.google.com"},
		paths: []string{"/ServiceLogin", "/AccountChooser", "/v3/signin/identifier", "/signin/v2/identifier", "/InteractiveLogin"}},

	// Sign in with Apple: https://developer.apple.com/documentation/sign_in_with_apple/request_an_authorization_to_the_sign_in_with_apple_server
	{provider: "apple",
		hosts: []string{"appleid.apple.com"},
		paths: []string{"/auth/authorize"}},

	// Microsoft identity platform: https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow
	// and Microsoft accounts (login.live.com).
	{provider: "microsoft",
		hosts: []string{"login.microsoftonline.com", "login.microsoft.com"},
		paths: []string{"/{segment}/oauth2/v2.0/authorize", "/{segment}/oauth2/authorize"}},
	{provider: "microsoft",
		hosts: []string{"login.live.com"},
		paths: []string{"/oauth20_authorize.srf"}},

	// GitHub OAuth apps: https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
	{provider: "github",
		hosts: []string{"github.com"},
		paths: []string{"/login/oauth/authorize"}},

	// X (Twitter) OAuth 2.0 and OAuth 1.0a: https://docs.x.com/resources/fundamentals/authentication
	{provider: "twitter",
		hosts: []string{"twitter.com", "www.twitter.com", "mobile.twitter.com", "x.com", "www.x.com", "mobile.x.com"},
		paths: []string{"/i/oauth2/authorize"}},
	{provider: "twitter",
		hosts: []string{"api.twitter.com", "api.x.com"},
		paths: []string{"/oauth/authenticate", "/oauth/authorize"}},

	// LinkedIn: https://learn.microsoft.com/linkedin/shared/authentication/authorization-code-flow
	{provider: "linkedin",
		hosts: []string{"www.linkedin.com", "linkedin.com"},
		paths: []string{"/oauth/v2/authorization", "/uas/oauth2/authorization"}},

	// Login with Amazon: https://developer.amazon.com/docs/login-with-amazon/authorization-code-grant.html
	{provider: "amazon",
		hosts: []string{"www.amazon.com", "na.account.amazon.com", "eu.account.amazon.com", "apac.account.amazon.com",
			"www.amazon.co.uk", "www.amazon.de", "www.amazon.co.jp"},
		paths: []string{"/ap/oa"}},

	// Discord: https://discord.com/developers/docs/topics/oauth2
	{provider: "discord",
		hosts: []string{"discord.com", "www.discord.com", "ptb.discord.com", "canary.discord.com", "discordapp.com"},
		paths: []string{"/oauth2/authorize", "/api/oauth2/authorize", "/api/{version}/oauth2/authorize"}},

	// Slack: https://api.slack.com/authentication/sign-in-with-slack and
	// https://api.slack.com/authentication/oauth-v2
	{provider: "slack",
		hosts: []string{"slack.com"},
		paths: []string{"/openid/connect/authorize", "/oauth/v2/authorize", "/oauth/authorize"}},

	// Yahoo: https://developer.yahoo.com/oauth2/guide/flows_authcode/
	{provider: "yahoo",
		hosts: []string{"api.login.yahoo.com"},
		paths: []string{"/oauth2/request_auth"}},

	// LINE Login: https://developers.line.biz/en/docs/line-login/integrate-line-login/
	{provider: "line",
		hosts: []string{"access.line.me"},
		paths: []string{"/oauth2/v2.1/authorize"}},

	// VK: https://dev.vk.com/api/access-token/authcode-flow-user and VK ID.
	{provider: "vk",
		hosts: []string{"oauth.vk.com", "oauth.vk.ru"},
		paths: []string{"/authorize"}},
	{provider: "vk",
		hosts: []string{"id.vk.com", "id.vk.ru"},
		paths: []string{"/auth", "/authorize"}},

	// Yandex ID: https://yandex.com/dev/id/doc/en/codes/code-url
	{provider: "yandex",
		hosts: []string{"oauth.yandex.ru", "oauth.yandex.com", "oauth.yandex.com.tr", "oauth.yandex.kz", "oauth.yandex.by"},
		paths: []string{"/authorize"}},

	// Kakao Login: https://developers.kakao.com/docs/latest/en/kakaologin/rest-api
	{provider: "kakao",
		hosts: []string{"kauth.kakao.com"},
		paths: []string{"/oauth/authorize"}},

	// Naver Login: https://developers.naver.com/docs/login/api/api.md
	{provider: "naver",
		hosts: []string{"nid.naver.com"},
		paths: []string{"/oauth2.0/authorize"}},

	// WeChat: website QR login and the in-WeChat web authorization.
	{provider: "wechat",
		hosts: []string{"open.weixin.qq.com"},
		paths: []string{"/connect/qrconnect", "/connect/oauth2/authorize"}},

	// TikTok Login Kit for web: https://developers.tiktok.com/doc/login-kit-web
	{provider: "tiktok",
		hosts: []string{"www.tiktok.com"},
		paths: []string{"/v2/auth/authorize", "/auth/authorize"}},
	{provider: "tiktok",
		hosts: []string{"open-api.tiktok.com"},
		paths: []string{"/platform/oauth/connect"}},

	// Spotify: https://developer.spotify.com/documentation/web-api/tutorials/code-flow
	{provider: "spotify",
		hosts: []string{"accounts.spotify.com"},
		paths: []string{"/authorize", "/{locale}/authorize"}},

	// Twitch: https://dev.twitch.tv/docs/authentication/getting-tokens-oauth/
	{provider: "twitch",
		hosts: []string{"id.twitch.tv"},
		paths: []string{"/oauth2/authorize"}},

	// Log in with PayPal: https://developer.paypal.com/docs/log-in-with-paypal/integrate/
	{provider: "paypal",
		hosts: []string{"www.paypal.com", "www.sandbox.paypal.com"},
		paths: []string{"/signin/authorize", "/connect", "/webapps/auth/protocol/openidconnect/v1/authorize"}},

	// Reddit: https://github.com/reddit-archive/reddit/wiki/OAuth2
	{provider: "reddit",
		hosts: []string{"www.reddit.com", "reddit.com", "old.reddit.com", "ssl.reddit.com"},
		paths: []string{"/api/v1/authorize", "/api/v1/authorize.compact"}},

	// Instagram: Instagram API with Instagram Login (and the retired Basic
	// Display API, same endpoint).
	{provider: "instagram",
		hosts: []string{"api.instagram.com", "www.instagram.com", "instagram.com"},
		paths: []string{"/oauth/authorize"}},
}
