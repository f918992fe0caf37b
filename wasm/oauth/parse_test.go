package oauth

import (
	"reflect"
	"strings"
	"testing"
)

// parseCase is one Parse expectation. Only the fields set are compared,
// except ok, scopes (nil means "do not check") and login (checked when ok).
type parseCase struct {
	name     string
	url      string
	ok       bool
	provider string
	endpoint string
	client   string
	redirect string // RedirectSite
	rhost    string // RedirectHost
	noSite   bool   // RedirectHost and RedirectSite must be empty
	respType string
	scopes   []string
	severity string
	login    bool
}

var parseCases = []parseCase{
	// Facebook: versioned and unversioned dialogs, desktop and mobile hosts.
	{name: "facebook versioned", ok: true, provider: "facebook", login: true,
		url:      "https://www.facebook.com/v19.0/dialog/oauth?client_id=123456789&redirect_uri=https%3A%2F%2Fwww.spotify.com%2Fapi%2Ffacebook%2Fcallback&state=xyz&scope=email,user_friends&response_type=code",
		endpoint: "https://www.facebook.com/v19.0/dialog/oauth", client: "123456789",
		redirect: "spotify.com", rhost: "www.spotify.com", respType: "code",
		scopes: []string{"email", "user_friends"}, severity: "medium"},
	{name: "facebook mobile unversioned", ok: true, provider: "facebook", login: true,
		url:    "https://m.facebook.com/dialog/oauth?client_id=42&redirect_uri=https://login.netflix.com/fb&scope=public_profile%2Cemail",
		client: "42", redirect: "netflix.com", scopes: []string{"public_profile", "email"}, severity: "low"},
	{name: "facebook messages scope is high", ok: true, provider: "facebook", login: true,
		url:    "https://www.facebook.com/v3.2/dialog/oauth?client_id=1&scope=read_mailbox+user_messages&redirect_uri=https://www.rbc.com/cb",
		client: "1", redirect: "rbc.com", scopes: []string{"read_mailbox", "user_messages"}, severity: "high"},
	{name: "facebook no scope is low", ok: true, provider: "facebook", login: true,
		url:    "https://www.facebook.com/dialog/oauth?client_id=7&redirect_uri=https://example.org/",
		scopes: []string{}, severity: "low", redirect: "example.org"},
	{name: "facebook trailing slash", ok: true, provider: "facebook", login: true,
		url: "https://www.facebook.com/v2.12/dialog/oauth/?client_id=7"},
	{name: "facebook login.php wrapping the dialog", ok: true, provider: "facebook", login: true,
		url:      "https://www.facebook.com/login.php?skip_api_login=1&api_key=555&next=https%3A%2F%2Fwww.facebook.com%2Fv18.0%2Fdialog%2Foauth%3Fclient_id%3D555%26redirect_uri%3Dhttps%253A%252F%252Fwww.example.co.uk%252Fcb%26scope%3Demail%252Cuser_posts",
		endpoint: "https://www.facebook.com/v18.0/dialog/oauth", client: "555", redirect: "example.co.uk",
		scopes: []string{"email", "user_posts"}, severity: "medium"},
	{name: "facebook login.php without next", ok: false,
		url: "https://www.facebook.com/login.php?skip_api_login=1"},
	{name: "facebook login.php wrapping another provider", ok: false,
		url: "https://www.facebook.com/login.php?next=https%3A%2F%2Faccounts.google.com%2Fo%2Foauth2%2Fv2%2Fauth%3Fclient_id%3D1"},
	{name: "facebook bad version segment", ok: false,
		url: "https://www.facebook.com/version/dialog/oauth?client_id=1"},
	{name: "facebook share dialog is not oauth", ok: false,
		url: "https://www.facebook.com/dialog/share?app_id=1&href=https://x.org"},
	{name: "facebook profile page", ok: false,
		url: "https://www.facebook.com/spotify"},

	// Google: v2 and v1 endpoints, short and URL scopes, signin pages.
	{name: "google v2 gmail", ok: true, provider: "google", login: true,
		url:      "https://accounts.google.com/o/oauth2/v2/auth?client_id=1234-abc.apps.googleusercontent.com&redirect_uri=https%3A%2F%2Fapp.example.com%2Foauth2callback&response_type=code&scope=openid%20email%20https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fgmail.readonly&access_type=offline",
		endpoint: "https://accounts.google.com/o/oauth2/v2/auth", client: "1234-abc.apps.googleusercontent.com",
		redirect: "example.com", rhost: "app.example.com", respType: "code",
		scopes: []string{"openid", "email", "https://www.googleapis.com/auth/gmail.readonly"}, severity: "high"},
	{name: "google v1 plus-separated", ok: true, provider: "google", login: true,
		url:    "https://accounts.google.com/o/oauth2/auth?client_id=9&scope=profile+email&redirect_uri=https://www.example.org/cb&response_type=token",
		scopes: []string{"profile", "email"}, severity: "low", respType: "token"},
	{name: "google signin/oauth", ok: true, provider: "google", login: true,
		url:    "https://accounts.google.com/signin/oauth?client_id=9&as=abc&scope=https://www.googleapis.com/auth/drive.file",
		scopes: []string{"https://www.googleapis.com/auth/drive.file"}, severity: "medium"},
	{name: "google oauthchooseaccount", ok: true, provider: "google", login: true,
		url:    "https://accounts.google.com/o/oauth2/auth/oauthchooseaccount?client_id=9&scope=https://www.googleapis.com/auth/contacts.readonly",
		scopes: []string{"https://www.googleapis.com/auth/contacts.readonly"}, severity: "high"},
	{name: "google ServiceLogin wrapping v2 auth", ok: true, provider: "google", login: true,
		url:      "https://accounts.google.com/ServiceLogin?continue=https%3A%2F%2Faccounts.google.com%2Fo%2Foauth2%2Fv2%2Fauth%3Fclient_id%3D77%26scope%3Dhttps%253A%252F%252Fmail.google.com%252F%26redirect_uri%3Dhttps%253A%252F%252Fmail.example.net%252Fcb",
		endpoint: "https://accounts.google.com/o/oauth2/v2/auth", client: "77", redirect: "example.net",
		scopes: []string{"https://mail.google.com/"}, severity: "high"},
	{name: "google ServiceLogin wrapping a relative authorize path", ok: true, provider: "google", login: true,
		url:    "https://accounts.google.com/ServiceLogin?continue=%2Fo%2Foauth2%2Fauth%3Fclient_id%3D5",
		client: "5"},
	{name: "google v3 identifier page carrying the request", ok: true, provider: "google", login: true,
		url:      "https://accounts.google.com/v3/signin/identifier?opparams=%253F&dsh=S1&client_id=42.apps.googleusercontent.com&o2v=2&redirect_uri=https%3A%2F%2Fwww.example.com%2Fcb&response_type=code&scope=openid+email+https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fdrive&service=lso&flowName=GeneralOAuthFlow&continue=https%3A%2F%2Faccounts.google.com%2Fsignin%2Foauth%2Flegacy%2Fconsent%3Fclient_id%3D42.apps.googleusercontent.com",
		endpoint: "https://accounts.google.com/v3/signin/identifier", client: "42.apps.googleusercontent.com",
		redirect: "example.com", scopes: []string{"openid", "email", "https://www.googleapis.com/auth/drive"}, severity: "high"},
	{name: "google legacy consent", ok: true, provider: "google", login: true,
		url: "https://accounts.google.com/signin/oauth/legacy/consent?authuser=0&part=AJi8h&as=S1&client_id=42.apps.googleusercontent.com", client: "42.apps.googleusercontent.com"},
	{name: "google ServiceLogin continuing to Gmail", ok: false,
		url: "https://accounts.google.com/ServiceLogin?continue=https%3A%2F%2Fmail.google.com%2Fmail%2F"},
	{name: "google ServiceLogin continuing to a lookalike", ok: false,
		url: "https://accounts.google.com/ServiceLogin?continue=https%3A%2F%2Faccounts.google.com.evil.io%2Fo%2Foauth2%2Fv2%2Fauth"},
	{name: "google token endpoint is not authorize", ok: false,
		url: "https://oauth2.googleapis.com/token"},
	{name: "google account page", ok: false,
		url: "https://accounts.google.com/o/oauth2/revoke?token=1"},
	{name: "google unknown scope is medium", ok: true, provider: "google", login: true,
		url:    "https://accounts.google.com/o/oauth2/v2/auth?client_id=1&scope=https://www.googleapis.com/auth/unheardof",
		scopes: []string{"https://www.googleapis.com/auth/unheardof"}, severity: "medium"},

	// Apple.
	{name: "apple", ok: true, provider: "apple", login: true,
		url:    "https://appleid.apple.com/auth/authorize?client_id=com.example.web&redirect_uri=https%3A%2F%2Fexample.com%2Fapple&response_type=code%20id_token&scope=name%20email&response_mode=form_post",
		client: "com.example.web", redirect: "example.com", respType: "code id_token",
		scopes: []string{"name", "email"}, severity: "low"},

	// Microsoft: tenants, v1 and v2, Microsoft accounts, Graph URL scopes.
	{name: "microsoft common v2", ok: true, provider: "microsoft", login: true,
		url:      "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code&redirect_uri=https%3A%2F%2Fapp.contoso.com%2Fauth&scope=openid%20offline_access%20https%3A%2F%2Fgraph.microsoft.com%2Fmail.read",
		endpoint: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
		client:   "6731de76-14a6-49ae-97bc-6eba6914391e", redirect: "contoso.com", respType: "code",
		scopes: []string{"openid", "offline_access", "https://graph.microsoft.com/mail.read"}, severity: "high"},
	{name: "microsoft tenant guid v1", ok: true, provider: "microsoft", login: true,
		url:    "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/authorize?client_id=1&scope=User.Read",
		scopes: []string{"User.Read"}, severity: "low"},
	{name: "microsoft live", ok: true, provider: "microsoft", login: true,
		url:    "https://login.live.com/oauth20_authorize.srf?client_id=0000000040&scope=wl.signin%20wl.basic&response_type=code&redirect_uri=https://www.example.com/cb",
		scopes: []string{"wl.signin", "wl.basic"}, severity: "medium"},
	{name: "microsoft missing tenant", ok: false,
		url: "https://login.microsoftonline.com/oauth2/v2.0/authorize?client_id=1"},
	{name: "microsoft token endpoint", ok: false,
		url: "https://login.microsoftonline.com/common/oauth2/v2.0/token"},

	// GitHub.
	{name: "github repo scope", ok: true, provider: "github", login: true,
		url:    "https://github.com/login/oauth/authorize?client_id=Iv1.abc&redirect_uri=https%3A%2F%2Fci.example.io%2Fcb&scope=repo%20read%3Aorg&state=s",
		client: "Iv1.abc", redirect: "example.io", scopes: []string{"repo", "read:org"}, severity: "high"},
	{name: "github comma scopes", ok: true, provider: "github", login: true,
		url:    "https://github.com/login/oauth/authorize?client_id=x&scope=user:email,read:user",
		scopes: []string{"user:email", "read:user"}, severity: "low"},
	{name: "github app installation is not authorize", ok: false,
		url: "https://github.com/apps/some-app/installations/new"},
	{name: "github login page", ok: false,
		url: "https://github.com/login?return_to=%2Flogin%2Foauth%2Fauthorize"},

	// X (Twitter): both hosts, OAuth 2.0 and OAuth 1.0a.
	{name: "twitter oauth2 dm", ok: true, provider: "twitter", login: true,
		url:    "https://twitter.com/i/oauth2/authorize?response_type=code&client_id=M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ&redirect_uri=https://www.example.com&scope=tweet.read%20users.read%20dm.read&state=state&code_challenge=challenge&code_challenge_method=plain",
		client: "M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ", redirect: "example.com",
		scopes: []string{"tweet.read", "users.read", "dm.read"}, severity: "high"},
	{name: "x.com oauth2", ok: true, provider: "twitter", login: true,
		url:      "https://x.com/i/oauth2/authorize?client_id=abc&scope=users.read",
		endpoint: "https://x.com/i/oauth2/authorize", severity: "low"},
	{name: "twitter oauth1 authenticate", ok: true, provider: "twitter", login: true,
		url:    "https://api.twitter.com/oauth/authenticate?oauth_token=Z6eEdO8MOmk394WozF5oKyuAv855l4Mlqo7hhlSLik",
		client: "", scopes: []string{}, severity: "low"},
	{name: "twitter oauth1 authorize on api.x.com", ok: true, provider: "twitter", login: true,
		url: "https://api.x.com/oauth/authorize?oauth_token=abc"},
	{name: "twitter profile", ok: false,
		url: "https://twitter.com/i/flow/login"},

	// LinkedIn.
	{name: "linkedin", ok: true, provider: "linkedin", login: true,
		url:    "https://www.linkedin.com/oauth/v2/authorization?response_type=code&client_id=86abc&redirect_uri=https%3A%2F%2Fjobs.example.com%2Fauth%2Flinkedin%2Fcallback&state=foobar&scope=openid%20profile%20email%20w_member_social",
		client: "86abc", redirect: "example.com", scopes: []string{"openid", "profile", "email", "w_member_social"}, severity: "medium"},

	// Amazon.
	{name: "amazon", ok: true, provider: "amazon", login: true,
		url:    "https://www.amazon.com/ap/oa?client_id=amzn1.application-oa2-client.abc&scope=profile&response_type=code&redirect_uri=https://shop.example.com/amazon",
		client: "amzn1.application-oa2-client.abc", redirect: "example.com", scopes: []string{"profile"}, severity: "low"},
	{name: "amazon sign-in page is not oauth", ok: false,
		url: "https://www.amazon.com/ap/signin?openid.return_to=https://www.amazon.com"},

	// Discord: login vs bot install.
	{name: "discord login", ok: true, provider: "discord", login: true,
		url:    "https://discord.com/oauth2/authorize?client_id=157730590492196864&redirect_uri=https%3A%2F%2Fnicememe.website&response_type=code&scope=identify%20guilds.join",
		client: "157730590492196864", redirect: "nicememe.website", scopes: []string{"identify", "guilds.join"}, severity: "medium"},
	{name: "discord api path", ok: true, provider: "discord", login: true,
		url: "https://discord.com/api/oauth2/authorize?client_id=1&scope=identify%20email&response_type=code", severity: "low"},
	{name: "discord versioned api path", ok: true, provider: "discord", login: true,
		url: "https://discord.com/api/v10/oauth2/authorize?client_id=1&scope=identify"},
	{name: "discord bot install", ok: true, provider: "discord", login: false,
		url:    "https://discord.com/oauth2/authorize?client_id=1&permissions=8&scope=bot%20applications.commands",
		scopes: []string{"bot", "applications.commands"}},
	{name: "discord commands-only install", ok: true, provider: "discord", login: false,
		url: "https://discord.com/api/oauth2/authorize?client_id=1&scope=applications.commands"},
	{name: "discord bot with identify is still an install", ok: true, provider: "discord", login: false,
		url: "https://discord.com/oauth2/authorize?client_id=1&scope=bot+identify"},
	{name: "discord invite", ok: false,
		url: "https://discord.com/invite/abc"},

	// Slack: Sign in with Slack vs Add to Slack.
	{name: "slack openid", ok: true, provider: "slack", login: true,
		url:    "https://slack.com/openid/connect/authorize?response_type=code&scope=openid%20profile%20email&client_id=123.456&state=a&nonce=b&redirect_uri=https%3A%2F%2Fteam.example.com%2Fslack",
		client: "123.456", redirect: "example.com", scopes: []string{"openid", "profile", "email"}, severity: "low"},
	{name: "slack add to slack", ok: true, provider: "slack", login: false,
		url:    "https://slack.com/oauth/v2/authorize?client_id=123.456&scope=chat:write,channels:read&user_scope=",
		scopes: []string{"chat:write", "channels:read"}, severity: "high"},
	{name: "slack v2 with user scopes", ok: true, provider: "slack", login: true,
		url:    "https://slack.com/oauth/v2/authorize?client_id=1.2&scope=&user_scope=identity.basic,identity.email",
		scopes: []string{"identity.basic", "identity.email"}, severity: "low"},
	{name: "slack v2 bot and user scopes", ok: true, provider: "slack", login: true,
		url:    "https://slack.com/oauth/v2/authorize?client_id=1.2&scope=commands&user_scope=im:history",
		scopes: []string{"commands", "im:history"}, severity: "high"},
	{name: "slack legacy identity", ok: true, provider: "slack", login: true,
		url: "https://slack.com/oauth/authorize?scope=identity.basic&client_id=1.2"},
	{name: "slack legacy bot", ok: true, provider: "slack", login: false,
		url: "https://slack.com/oauth/authorize?scope=bot,identity.basic&client_id=1.2"},
	{name: "slack workspace page", ok: false,
		url: "https://slack.com/signin"},

	// Yahoo, LINE, VK, Yandex, Kakao, Naver.
	{name: "yahoo mail", ok: true, provider: "yahoo", login: true,
		url:    "https://api.login.yahoo.com/oauth2/request_auth?client_id=dj0y&redirect_uri=https%3A%2F%2Fwww.example.com%2Fy&response_type=code&scope=openid%20mail-r",
		client: "dj0y", redirect: "example.com", scopes: []string{"openid", "mail-r"}, severity: "high"},
	{name: "line", ok: true, provider: "line", login: true,
		url:    "https://access.line.me/oauth2/v2.1/authorize?response_type=code&client_id=1234567890&redirect_uri=https%3A%2F%2Fexample.jp%2Fcb&state=12345abcde&scope=profile%20openid",
		client: "1234567890", redirect: "example.jp", scopes: []string{"profile", "openid"}, severity: "low"},
	{name: "vk named scopes", ok: true, provider: "vk", login: true,
		url:    "https://oauth.vk.com/authorize?client_id=5490057&display=page&redirect_uri=https://oauth.example.ru/blank.html&scope=friends,messages&response_type=token&v=5.131",
		client: "5490057", redirect: "example.ru", scopes: []string{"friends", "messages"}, severity: "high"},
	{name: "vk bit mask scope", ok: true, provider: "vk", login: true,
		url:    "https://oauth.vk.com/authorize?client_id=1&scope=4194306",
		scopes: []string{"friends", "email"}, severity: "medium"},
	{name: "vk id app_id", ok: true, provider: "vk", login: true,
		url:    "https://id.vk.com/auth?app_id=51234&redirect_uri=https%3A%2F%2Fwww.example.ru%2Fvk&response_type=silent_token&uuid=abc",
		client: "51234", redirect: "example.ru"},
	{name: "yandex ru", ok: true, provider: "yandex", login: true,
		url:    "https://oauth.yandex.ru/authorize?response_type=code&client_id=abc&scope=login:email%20login:info",
		client: "abc", scopes: []string{"login:email", "login:info"}, severity: "low"},
	{name: "yandex com", ok: true, provider: "yandex", login: true,
		url: "https://oauth.yandex.com/authorize?response_type=token&client_id=abc"},
	{name: "kakao", ok: true, provider: "kakao", login: true,
		url:    "https://kauth.kakao.com/oauth/authorize?client_id=abc&redirect_uri=https://www.example.kr/kakao&response_type=code&scope=profile_nickname,account_email,talk_message",
		client: "abc", redirect: "example.kr", scopes: []string{"profile_nickname", "account_email", "talk_message"}, severity: "high"},
	{name: "naver", ok: true, provider: "naver", login: true,
		url:    "https://nid.naver.com/oauth2.0/authorize?response_type=code&client_id=jyvqXeaVOVmV&redirect_uri=http%3A%2F%2Fservice.example.com%2Fcallback&state=hLiDdL2uhPtsftcU",
		client: "jyvqXeaVOVmV", redirect: "example.com", rhost: "service.example.com", scopes: []string{}, severity: "low"},

	// WeChat, TikTok, Spotify, Twitch, PayPal, Reddit, Instagram.
	{name: "wechat qr", ok: true, provider: "wechat", login: true,
		url:    "https://open.weixin.qq.com/connect/qrconnect?appid=wxbdc5610cc59c1631&redirect_uri=https%3A%2F%2Fpassport.example.cn%2Fwx&response_type=code&scope=snsapi_login&state=3d6be0a4#wechat_redirect",
		client: "wxbdc5610cc59c1631", redirect: "example.cn", scopes: []string{"snsapi_login"}, severity: "low"},
	{name: "wechat in-app", ok: true, provider: "wechat", login: true,
		url:    "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx1&redirect_uri=https%3A%2F%2Fm.example.cn%2F&response_type=code&scope=snsapi_userinfo#wechat_redirect",
		client: "wx1", scopes: []string{"snsapi_userinfo"}},
	{name: "tiktok", ok: true, provider: "tiktok", login: true,
		url:    "https://www.tiktok.com/v2/auth/authorize/?client_key=aw1234&scope=user.info.basic,video.list&response_type=code&redirect_uri=https%3A%2F%2Fcreator.example.com%2Ftt&state=x",
		client: "aw1234", redirect: "example.com", scopes: []string{"user.info.basic", "video.list"}, severity: "medium"},
	{name: "spotify", ok: true, provider: "spotify", login: true,
		url:    "https://accounts.spotify.com/authorize?response_type=code&client_id=abc&scope=user-read-private%20user-read-email%20playlist-modify-private&redirect_uri=https%3A%2F%2Fwww.example.fm%2Fcallback&state=s",
		client: "abc", redirect: "example.fm", scopes: []string{"user-read-private", "user-read-email", "playlist-modify-private"}, severity: "medium"},
	{name: "spotify localised", ok: true, provider: "spotify", login: true,
		url: "https://accounts.spotify.com/en/authorize?client_id=abc&scope=user-read-email", severity: "low"},
	{name: "spotify login page", ok: false,
		url: "https://accounts.spotify.com/en/login"},
	{name: "twitch", ok: true, provider: "twitch", login: true,
		url:    "https://id.twitch.tv/oauth2/authorize?response_type=code&client_id=hof5gwx0su6owfnys0yan9c87zr6t&redirect_uri=http://localhost:3000&scope=channel%3Amanage%3Apolls+channel%3Aread%3Apolls&state=c3ab8aa609ea11e793ae92361f002671",
		client: "hof5gwx0su6owfnys0yan9c87zr6t", rhost: "localhost",
		scopes: []string{"channel:manage:polls", "channel:read:polls"}, severity: "medium"},
	{name: "paypal signin authorize", ok: true, provider: "paypal", login: true,
		url:    "https://www.paypal.com/signin/authorize?flowEntry=static&client_id=AeQ&scope=openid%20profile%20email&redirect_uri=https%3A%2F%2Fcheckout.example.com%2Fpp",
		client: "AeQ", redirect: "example.com", scopes: []string{"openid", "profile", "email"}, severity: "low"},
	{name: "paypal connect", ok: true, provider: "paypal", login: true,
		url:    "https://www.paypal.com/connect?flowEntry=static&client_id=AeQ&scope=openid%20https://uri.paypal.com/services/paypalattributes",
		scopes: []string{"openid", "https://uri.paypal.com/services/paypalattributes"}, severity: "medium"},
	{name: "paypal legacy openidconnect", ok: true, provider: "paypal", login: true,
		url:    "https://www.sandbox.paypal.com/webapps/auth/protocol/openidconnect/v1/authorize?client_id=A&scope=openid%20address",
		scopes: []string{"openid", "address"}, severity: "medium"},
	{name: "paypal checkout is not oauth", ok: false,
		url: "https://www.paypal.com/checkoutnow?token=1"},
	{name: "reddit", ok: true, provider: "reddit", login: true,
		url:    "https://www.reddit.com/api/v1/authorize?client_id=abc&response_type=code&state=s&redirect_uri=https%3A%2F%2Fapp.example.com%2Fr&duration=permanent&scope=identity%20privatemessages",
		client: "abc", scopes: []string{"identity", "privatemessages"}, severity: "high"},
	{name: "reddit every scope", ok: true, provider: "reddit", login: true,
		url: "https://www.reddit.com/api/v1/authorize?client_id=abc&scope=*", scopes: []string{"*"}, severity: "high"},
	{name: "reddit compact", ok: true, provider: "reddit", login: true,
		url: "https://www.reddit.com/api/v1/authorize.compact?client_id=abc&scope=identity,read", scopes: []string{"identity", "read"}},
	{name: "instagram api host", ok: true, provider: "instagram", login: true,
		url:    "https://api.instagram.com/oauth/authorize?client_id=990602627938098&redirect_uri=https://socialsizzle.example.com/auth/&scope=user_profile,user_media&response_type=code",
		client: "990602627938098", redirect: "example.com", scopes: []string{"user_profile", "user_media"}, severity: "medium"},
	{name: "instagram www business messages", ok: true, provider: "instagram", login: true,
		url:    "https://www.instagram.com/oauth/authorize?enable_fb_login=0&force_authentication=1&client_id=990&redirect_uri=https://my.m.example.com/&response_type=code&scope=instagram_business_basic%2Cinstagram_business_manage_messages",
		scopes: []string{"instagram_business_basic", "instagram_business_manage_messages"}, severity: "high"},

	// Lookalike hosts and userinfo tricks.
	{name: "lookalike suffix", ok: false,
		url: "https://accounts.google.com.evil.io/o/oauth2/v2/auth?client_id=1"},
	{name: "lookalike prefix", ok: false,
		url: "https://evilaccounts.google.com/o/oauth2/v2/auth?client_id=1"},
	{name: "lookalike subdomain of provider", ok: false,
		url: "https://evil.accounts.google.com/o/oauth2/v2/auth?client_id=1"},
	{name: "userinfo pointing elsewhere", ok: false,
		url: "https://accounts.google.com@evil.io/o/oauth2/v2/auth?client_id=1"},
	{name: "userinfo with password pointing elsewhere", ok: false,
		url: "https://www.facebook.com:443@evil.io/dialog/oauth?client_id=1"},
	{name: "userinfo before the real host", ok: true, provider: "google", login: true,
		url:      "https://someone@accounts.google.com/o/oauth2/v2/auth?client_id=1",
		endpoint: "https://accounts.google.com/o/oauth2/v2/auth"},
	{name: "provider host in the path", ok: false,
		url: "https://evil.io/accounts.google.com/o/oauth2/v2/auth?client_id=1"},
	{name: "provider host in the query", ok: false,
		url: "https://evil.io/o/oauth2/v2/auth?host=accounts.google.com"},
	{name: "punycode lookalike", ok: false,
		url: "https://xn--ccounts-9ya.google.com/o/oauth2/v2/auth"},

	// Schemes, case, ports and odd forms.
	{name: "uppercase host and path", ok: true, provider: "google", login: true,
		url:      "HTTPS://Accounts.Google.COM/O/OAuth2/V2/Auth?client_id=1",
		endpoint: "https://accounts.google.com/O/OAuth2/V2/Auth"},
	{name: "trailing dot host", ok: true, provider: "github", login: true,
		url:      "https://github.com./login/oauth/authorize?client_id=1",
		endpoint: "https://github.com/login/oauth/authorize"},
	{name: "plain http is still the provider", ok: true, provider: "facebook", login: true,
		url:      "http://www.facebook.com/dialog/oauth?client_id=1",
		endpoint: "http://www.facebook.com/dialog/oauth"},
	{name: "explicit default https port", ok: true, provider: "github", login: true,
		url:      "https://github.com:443/login/oauth/authorize?client_id=1",
		endpoint: "https://github.com/login/oauth/authorize"},
	{name: "other port", ok: false,
		url: "https://github.com:8443/login/oauth/authorize?client_id=1"},
	{name: "https on port 80", ok: false,
		url: "https://github.com:80/login/oauth/authorize?client_id=1"},
	{name: "ftp scheme", ok: false,
		url: "ftp://github.com/login/oauth/authorize"},
	{name: "javascript scheme", ok: false,
		url: "javascript:alert(1)//github.com/login/oauth/authorize"},
	{name: "scheme-relative", ok: false,
		url: "//github.com/login/oauth/authorize?client_id=1"},
	{name: "relative path", ok: false,
		url: "/login/oauth/authorize?client_id=1"},
	{name: "empty", ok: false, url: ""},
	{name: "surrounding spaces", ok: true, provider: "github", login: true,
		url: "  https://github.com/login/oauth/authorize?client_id=1\n", client: "1"},
	{name: "non-ASCII letter folding to s", ok: false,
		url: "https://accounts.google.com/%C5%BFignin/oauth?client_id=1"},
	{name: "deeper path", ok: false,
		url: "https://github.com/login/oauth/authorize/extra?client_id=1"},
	{name: "shorter path", ok: false,
		url: "https://github.com/login/oauth?client_id=1"},
	{name: "double slash path", ok: false,
		url: "https://github.com//login/oauth/authorize?client_id=1"},
	{name: "invalid percent escape", ok: false,
		url: "https://github.com/login/oauth/authorize%zz?client_id=1"},
	{name: "over the length cap", ok: false,
		url: "https://github.com/login/oauth/authorize?client_id=1&state=" + strings.Repeat("a", 8<<10)},

	// Parameters: duplicates, redirect URIs without a site, encodings.
	{name: "duplicate scope in one parameter", ok: true, provider: "github", login: true,
		url:    "https://github.com/login/oauth/authorize?client_id=1&scope=repo%20repo,repo",
		scopes: []string{"repo"}},
	{name: "first client_id wins", ok: true, provider: "github", login: true,
		url: "https://github.com/login/oauth/authorize?client_id=first&client_id=second", client: "first"},
	{name: "custom-scheme redirect has no site", ok: true, provider: "google", login: true,
		url:    "https://accounts.google.com/o/oauth2/v2/auth?client_id=1&redirect_uri=com.example.app%3A%2Foauth2redirect",
		noSite: true},
	{name: "redirect with userinfo trick", ok: true, provider: "google", login: true,
		url:      "https://accounts.google.com/o/oauth2/v2/auth?client_id=1&redirect_uri=https%3A%2F%2Fspotify.com%40evil.io%2Fcb",
		redirect: "evil.io", rhost: "evil.io"},
	{name: "redirect on a private suffix", ok: true, provider: "github", login: true,
		url:      "https://github.com/login/oauth/authorize?client_id=1&redirect_uri=https://someone.github.io/cb",
		redirect: "someone.github.io"},
}

func TestParse(t *testing.T) {
	for _, tc := range parseCases {
		t.Run(tc.name, func(t *testing.T) {
			req, ok := Parse(tc.url)
			if ok != tc.ok {
				t.Fatalf("Parse ok = %v, want %v (req %+v)", ok, tc.ok, req)
			}
			if !ok {
				if req != nil {
					t.Errorf("Parse returned a request with ok false: %+v", req)
				}
				return
			}
			checkRequest(t, tc, req)
		})
	}
}

// checkRequest compares the fields a case sets.
func checkRequest(t *testing.T, tc parseCase, req *Request) {
	t.Helper()
	if req.Provider != tc.provider {
		t.Errorf("Provider = %q, want %q", req.Provider, tc.provider)
	}
	if tc.endpoint != "" && req.Endpoint != tc.endpoint {
		t.Errorf("Endpoint = %q, want %q", req.Endpoint, tc.endpoint)
	}
	if tc.client != "" && req.ClientID != tc.client {
		t.Errorf("ClientID = %q, want %q", req.ClientID, tc.client)
	}
	if (tc.redirect != "" || tc.noSite) && req.RedirectSite != tc.redirect {
		t.Errorf("RedirectSite = %q, want %q", req.RedirectSite, tc.redirect)
	}
	if (tc.rhost != "" || tc.noSite) && req.RedirectHost != tc.rhost {
		t.Errorf("RedirectHost = %q, want %q", req.RedirectHost, tc.rhost)
	}
	if tc.respType != "" && req.ResponseType != tc.respType {
		t.Errorf("ResponseType = %q, want %q", req.ResponseType, tc.respType)
	}
	if req.Scopes == nil {
		t.Errorf("Scopes is nil, want a slice")
	}
	if tc.scopes != nil {
		if got := scopeNames(req.Scopes); !reflect.DeepEqual(got, tc.scopes) {
			t.Errorf("Scopes = %q, want %q", got, tc.scopes)
		}
	}
	if tc.severity != "" && req.Severity != tc.severity {
		t.Errorf("Severity = %q, want %q", req.Severity, tc.severity)
	}
	if req.Login != tc.login {
		t.Errorf("Login = %v, want %v", req.Login, tc.login)
	}
}

// scopeNames lists the names of scopes.
func scopeNames(scopes []Scope) []string {
	out := []string{}
	for _, s := range scopes {
		out = append(out, s.Name)
	}
	return out
}

func TestParseEveryProviderHasACase(t *testing.T) {
	covered := map[string]bool{}
	for _, tc := range parseCases {
		if tc.ok {
			covered[tc.provider] = true
		}
	}
	for _, p := range Providers() {
		if !covered[p] {
			t.Errorf("provider %q has no positive Parse case", p)
		}
	}
}
