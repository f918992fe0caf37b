package oauth

// Short names for the severities, to keep the table below readable.
const (
	low  = SeverityLow
	med  = SeverityMedium
	high = SeverityHigh
)

// catalogue holds, per provider, the scopes that matter with a plain-language
// label and a severity. Names are matched case-insensitively (see scopes.go
// for the provider-specific prefixes that are stripped first); a scope not in
// the table is shown by its name with medium severity.
//
// Severity follows one rule across providers: high for reading, sending or
// deleting mail or messages, contacts, files, whole calendars, write access
// to code, and administration; medium for friends lists, posts, activity and
// profile details beyond the basics; low for openid, email and the public
// profile.
var catalogue = []providerScopes{
	// Facebook Login permissions:
	// https://developers.facebook.com/docs/permissions
	{"facebook", []Scope{
		{"public_profile", "Your public profile (name, profile picture)", low},
		{"email", "Your email address", low},
		{"openid", "Sign you in (OpenID Connect)", low},
		{"user_friends", "Your list of friends who also use this app", med},
		{"user_posts", "The posts on your timeline", med},
		{"user_photos", "Your photos", med},
		{"user_videos", "Your videos", med},
		{"user_likes", "The Pages you like", med},
		{"user_birthday", "Your birthday", med},
		{"user_age_range", "Your age range", low},
		{"user_gender", "Your gender", med},
		{"user_hometown", "Your hometown", med},
		{"user_location", "Your current city", med},
		{"user_link", "A link to your profile", low},
		{"user_events", "The events you are part of", med},
		{"user_managed_groups", "The groups you manage", med},
		{"groups_access_member_info", "Member information in groups you manage", med},
		{"read_custom_friendlists", "Your custom friend lists", med},
		{"user_messages", "Read, send and delete your private messages", high},
		{"read_mailbox", "Read your private messages (inbox)", high},
		{"xmpp_login", "Use Facebook Chat as you (read and send your messages)", high},
		{"publish_actions", "Post to Facebook as you", med},
		{"publish_to_groups", "Post to groups as you", med},
		{"pages_show_list", "The list of Pages you manage", med},
		{"pages_read_engagement", "Content and engagement of the Pages you manage", med},
		{"pages_manage_posts", "Create, edit and delete posts of your Pages", med},
		{"pages_messaging", "Read and send messages as your Pages", high},
		{"read_page_mailboxes", "Read your Pages' inboxes", high},
		{"manage_pages", "Manage your Pages", high},
		{"business_management", "Manage your business accounts and assets", high},
		{"ads_management", "Manage your ad accounts", high},
		{"ads_read", "Read your ad accounts' reports", med},
		{"instagram_basic", "Your Instagram profile and media", med},
		{"instagram_manage_messages", "Read and send your Instagram direct messages", high},
		{"whatsapp_business_messaging", "Send and receive WhatsApp messages as your business", high},
		{"whatsapp_business_management", "Manage your WhatsApp Business accounts", high},
	}},

	// Google OAuth 2.0 scopes:
	// https://developers.google.com/identity/protocols/oauth2/scopes
	{"google", []Scope{
		{"openid", "Sign you in (OpenID Connect)", low},
		{"email", "Your email address", low},
		{"profile", "Your basic profile (name, picture)", low},
		{"https://www.googleapis.com/auth/userinfo.email", "Your email address", low},
		{"https://www.googleapis.com/auth/userinfo.profile", "Your basic profile (name, picture)", low},
		{"https://mail.google.com/", "Read, compose, send and permanently delete all your Gmail", high},
		{"https://www.googleapis.com/auth/gmail.readonly", "Read all your Gmail messages and settings", high},
		{"https://www.googleapis.com/auth/gmail.modify", "Read, compose, send and change all your Gmail", high},
		{"https://www.googleapis.com/auth/gmail.compose", "Write and send Gmail as you", high},
		{"https://www.googleapis.com/auth/gmail.send", "Send Gmail as you", high},
		{"https://www.googleapis.com/auth/gmail.insert", "Add messages to your Gmail", high},
		{"https://www.googleapis.com/auth/gmail.metadata", "See who you email and when (Gmail headers and labels)", high},
		{"https://www.googleapis.com/auth/gmail.labels", "Manage your Gmail labels", med},
		{"https://www.googleapis.com/auth/gmail.settings.basic", "Manage your Gmail settings and filters", high},
		{"https://www.googleapis.com/auth/contacts", "See, edit and delete your contacts", high},
		{"https://www.googleapis.com/auth/contacts.readonly", "See your contacts", high},
		{"https://www.googleapis.com/auth/contacts.other.readonly", "See everyone you have emailed (other contacts)", high},
		{"https://www.googleapis.com/auth/directory.readonly", "See your organisation's directory", high},
		{"https://www.googleapis.com/auth/drive", "See, edit and delete all your Google Drive files", high},
		{"https://www.googleapis.com/auth/drive.readonly", "See and download all your Google Drive files", high},
		{"https://www.googleapis.com/auth/drive.file", "Only the Drive files you open or create with this app", med},
		{"https://www.googleapis.com/auth/drive.appdata", "This app's own data in your Drive", low},
		{"https://www.googleapis.com/auth/drive.metadata.readonly", "The names and details of all your Drive files", med},
		{"https://www.googleapis.com/auth/calendar", "See, edit and delete all your calendars", high},
		{"https://www.googleapis.com/auth/calendar.readonly", "See all your calendars", high},
		{"https://www.googleapis.com/auth/calendar.events", "See and edit events on all your calendars", high},
		{"https://www.googleapis.com/auth/calendar.events.readonly", "See events on all your calendars", high},
		{"https://www.googleapis.com/auth/photoslibrary.readonly", "See all your Google Photos", high},
		{"https://www.googleapis.com/auth/chat.messages", "See, send and delete your Google Chat messages", high},
		{"https://www.googleapis.com/auth/chat.messages.readonly", "See your Google Chat messages", high},
		{"https://www.googleapis.com/auth/youtube", "Manage your YouTube account", high},
		{"https://www.googleapis.com/auth/youtube.force-ssl", "See, edit and delete your YouTube videos, ratings and comments", high},
		{"https://www.googleapis.com/auth/youtube.readonly", "Your YouTube account and activity", med},
		{"https://www.googleapis.com/auth/youtube.upload", "Upload videos to your YouTube channel", med},
		{"https://www.googleapis.com/auth/user.birthday.read", "Your birthday", med},
		{"https://www.googleapis.com/auth/user.phonenumbers.read", "Your phone numbers", med},
		{"https://www.googleapis.com/auth/user.addresses.read", "Your street addresses", med},
		{"https://www.googleapis.com/auth/user.gender.read", "Your gender", med},
		{"https://www.googleapis.com/auth/fitness.activity.read", "Your fitness activity", med},
		{"https://www.googleapis.com/auth/cloud-platform", "See, edit and delete your Google Cloud data", high},
		{"https://www.googleapis.com/auth/admin.directory.user", "Manage the users of your organisation", high},
	}},

	// Apple: https://developer.apple.com/documentation/sign_in_with_apple
	{"apple", []Scope{
		{"name", "Your name", low},
		{"email", "Your email address (or a private relay address)", low},
		{"openid", "Sign you in (OpenID Connect)", low},
	}},

	// Microsoft Graph permissions (also login.live.com's wl.* scopes):
	// https://learn.microsoft.com/graph/permissions-reference
	{"microsoft", []Scope{
		{"openid", "Sign you in (OpenID Connect)", low},
		{"email", "Your email address", low},
		{"profile", "Your basic profile", low},
		{"offline_access", "Keep access while you are not using the app", med},
		{"User.Read", "Sign you in and read your profile", low},
		{"User.ReadBasic.All", "The basic profiles of everyone in your organisation", med},
		{"User.Read.All", "The full profiles of everyone in your organisation", high},
		{"People.Read", "The people most relevant to you", med},
		{"Mail.Read", "Read your mail", high},
		{"Mail.ReadBasic", "Read your mail's senders, subjects and dates", high},
		{"Mail.ReadWrite", "Read, change and delete your mail", high},
		{"Mail.Send", "Send mail as you", high},
		{"MailboxSettings.ReadWrite", "Change your mailbox settings and rules", high},
		{"Contacts.Read", "Read your contacts", high},
		{"Contacts.ReadWrite", "Read, change and delete your contacts", high},
		{"Calendars.Read", "Read all your calendars", high},
		{"Calendars.ReadWrite", "Read, change and delete all your calendars", high},
		{"Files.Read", "Read all your OneDrive files", high},
		{"Files.Read.All", "Read all files you can access", high},
		{"Files.ReadWrite", "Read, change and delete all your OneDrive files", high},
		{"Files.ReadWrite.All", "Read, change and delete all files you can access", high},
		{"Sites.Read.All", "Read all SharePoint sites you can access", high},
		{"Chat.Read", "Read your Teams chat messages", high},
		{"Chat.ReadWrite", "Read and send your Teams chat messages", high},
		{"ChannelMessage.Send", "Send Teams channel messages as you", high},
		{"Notes.Read", "Read your OneNote notebooks", high},
		{"Tasks.ReadWrite", "Read and change your tasks", med},
		{"Presence.Read", "Your Teams presence", med},
		{"Directory.Read.All", "Read your organisation's directory", high},
		{"Directory.ReadWrite.All", "Change your organisation's directory", high},
		{".default", "Every permission the app was configured with", med},
		{"XboxLive.signin", "Sign you in with your Xbox profile", low},
		{"XboxLive.offline_access", "Keep access to your Xbox profile while you are not using the app", med},
		{"wl.signin", "Sign you in", low},
		{"wl.basic", "Your profile and contacts list", med},
		{"wl.emails", "Your email addresses", low},
		{"wl.offline_access", "Keep access while you are not using the app", med},
		{"wl.contacts_emails", "Your contacts' email addresses", high},
		{"wl.calendars", "Read your calendars", high},
		{"wl.skydrive", "Read your OneDrive files", high},
		{"wl.imap", "Read and send your Outlook.com mail over IMAP", high},
	}},

	// GitHub OAuth app scopes:
	// https://docs.github.com/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps
	{"github", []Scope{
		{"read:user", "Your profile", low},
		{"user:email", "Your email addresses", low},
		{"user", "Read and change your profile", med},
		{"user:follow", "Follow and unfollow people as you", med},
		{"public_repo", "Write to your public repositories", high},
		{"repo", "Full control of your private repositories", high},
		{"repo:status", "Commit statuses of your repositories", med},
		{"repo_deployment", "Deployments of your repositories", med},
		{"repo:invite", "Accept and decline repository invitations", med},
		{"delete_repo", "Delete your repositories", high},
		{"workflow", "Change your GitHub Actions workflows", high},
		{"gist", "Create gists as you", med},
		{"notifications", "Your notifications", med},
		{"read:org", "Your organisations and teams", med},
		{"write:org", "Manage your organisations' memberships", high},
		{"admin:org", "Administer your organisations", high},
		{"admin:public_key", "Manage your SSH keys", high},
		{"admin:repo_hook", "Manage your repositories' webhooks", high},
		{"admin:org_hook", "Manage your organisations' webhooks", high},
		{"admin:gpg_key", "Manage your GPG keys", high},
		{"read:packages", "Download your packages", med},
		{"write:packages", "Publish packages as you", high},
		{"delete:packages", "Delete your packages", high},
		{"codespace", "Create and manage your codespaces", high},
		{"project", "Read and change your projects", med},
		{"security_events", "Your code scanning alerts", high},
		{"admin:enterprise", "Administer your enterprise", high},
	}},

	// X (Twitter) OAuth 2.0 scopes:
	// https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/authorization-code
	{"twitter", []Scope{
		{"users.read", "Your profile", low},
		{"users.email", "Your email address", low},
		{"tweet.read", "Your posts, including protected ones", med},
		{"tweet.write", "Post and delete posts as you", med},
		{"tweet.moderate.write", "Hide and unhide replies to your posts", med},
		{"follows.read", "Who you follow and who follows you", med},
		{"follows.write", "Follow and unfollow people as you", med},
		{"offline.access", "Keep access while you are not using the app", med},
		{"like.read", "The posts you like", med},
		{"like.write", "Like posts as you", med},
		{"list.read", "Your lists", med},
		{"list.write", "Manage your lists", med},
		{"block.read", "Who you block", med},
		{"block.write", "Block and unblock people as you", med},
		{"mute.read", "Who you mute", med},
		{"mute.write", "Mute and unmute people as you", med},
		{"bookmark.read", "Your bookmarks", med},
		{"bookmark.write", "Change your bookmarks", med},
		{"space.read", "Spaces you can see", low},
		{"media.write", "Upload media as you", med},
		{"dm.read", "Read your direct messages", high},
		{"dm.write", "Send and delete your direct messages", high},
	}},

	// LinkedIn permissions:
	// https://learn.microsoft.com/linkedin/shared/authentication/getting-access
	{"linkedin", []Scope{
		{"openid", "Sign you in (OpenID Connect)", low},
		{"profile", "Your name and photo", low},
		{"email", "Your email address", low},
		{"r_liteprofile", "Your name and photo", low},
		{"r_emailaddress", "Your email address", low},
		{"r_basicprofile", "Your profile, including headline and current position", med},
		{"r_fullprofile", "Your full profile", med},
		{"r_contactinfo", "Your contact information", high},
		{"r_network", "Your connections", med},
		{"r_1st_connections_size", "How many connections you have", med},
		{"w_member_social", "Post, comment and react as you", med},
		{"r_member_social", "Your posts, comments and reactions", med},
		{"w_messages", "Send messages as you", high},
		{"r_organization_social", "Your organisations' posts and comments", med},
		{"w_organization_social", "Post as your organisations", high},
		{"rw_organization_admin", "Administer your organisations' pages", high},
		{"rw_company_admin", "Administer your company pages", high},
		{"r_ads", "Your ad accounts", med},
		{"rw_ads", "Manage your ad accounts", high},
	}},

	// Login with Amazon scopes:
	// https://developer.amazon.com/docs/login-with-amazon/customer-profile.html
	{"amazon", []Scope{
		{"profile", "Your name, email address and Amazon account ID", low},
		{"profile:user_id", "Your Amazon account ID", low},
		{"postal_code", "Your postal code", med},
	}},

	// Discord OAuth2 scopes:
	// https://discord.com/developers/docs/topics/oauth2#shared-resources-oauth2-scopes
	{"discord", []Scope{
		{"identify", "Your username, avatar and banner", low},
		{"email", "Your email address", low},
		{"openid", "Sign you in (OpenID Connect)", low},
		{"connections", "Your linked third-party accounts", med},
		{"guilds", "The servers you are in", med},
		{"guilds.join", "Join servers for you", med},
		{"guilds.members.read", "Your member details in your servers", med},
		{"gdm.join", "Join group DMs for you", med},
		{"relationships.read", "Your friends list", med},
		{"activities.read", "Your activity", med},
		{"activities.write", "Update your activity", med},
		{"messages.read", "Read messages from your channels (local RPC)", high},
		{"dm_channels.read", "Your direct message channels", high},
		{"dm_channels.messages.read", "Read your direct messages", high},
		{"dm_channels.messages.write", "Send direct messages as you", high},
		{"rpc", "Control your local Discord app", high},
		{"rpc.notifications.read", "Read your notifications through your Discord app", high},
		{"bot", "Add a bot to a server you manage", med},
		{"applications.commands", "Add commands to a server you manage", low},
		{"webhook.incoming", "Post messages to a channel you choose", med},
		{"role_connections.write", "Update your linked role metadata", low},
		{"voice", "Connect to voice channels as you", high},
	}},

	// Slack scopes: https://api.slack.com/scopes
	{"slack", []Scope{
		{"openid", "Sign you in (OpenID Connect)", low},
		{"email", "Your email address", low},
		{"profile", "Your name, picture and workspace", low},
		{"identity.basic", "Your name and workspace", low},
		{"identity.email", "Your email address", low},
		{"identity.avatar", "Your profile picture", low},
		{"identity.team", "Your workspace's name", low},
		{"team:read", "Your workspace's name and domain", low},
		{"users:read", "Everyone in your workspace", med},
		{"users:read.email", "The email addresses of everyone in your workspace", high},
		{"channels:read", "The public channels in your workspace", med},
		{"channels:history", "Read messages in public channels", high},
		{"groups:history", "Read messages in private channels", high},
		{"im:history", "Read your direct messages", high},
		{"mpim:history", "Read your group direct messages", high},
		{"chat:write", "Send messages", high},
		{"im:write", "Start direct messages", high},
		{"files:read", "Read files shared in your workspace", high},
		{"files:write", "Upload, edit and delete files", high},
		{"search:read", "Search your workspace's messages and files", high},
		{"admin", "Administer your workspace", high},
		{"channels:manage", "Create and manage public channels", med},
		{"reactions:write", "Add and remove emoji reactions", med},
		{"commands", "Add slash commands", low},
		{"incoming-webhook", "Post messages to a channel you choose", med},
		{"usergroups:read", "Your workspace's user groups", med},
	}},

	// Yahoo: https://developer.yahoo.com/oauth2/guide/yahoo_scopes/
	{"yahoo", []Scope{
		{"openid", "Sign you in (OpenID Connect)", low},
		{"email", "Your email address", low},
		{"profile", "Your profile", low},
		{"mail-r", "Read your Yahoo Mail", high},
		{"mail-w", "Read, send and delete your Yahoo Mail", high},
		{"sdct-r", "Read your contacts", high},
		{"sdct-w", "Read and change your contacts", high},
		{"fspt-r", "Your fantasy sports data", med},
	}},

	// LINE Login: https://developers.line.biz/en/docs/line-login/integrate-line-login/#scopes
	{"line", []Scope{
		{"openid", "Sign you in (OpenID Connect)", low},
		{"profile", "Your name, picture and status message", low},
		{"email", "Your email address", low},
	}},

	// VK access rights: https://dev.vk.com/reference/access-rights
	{"vk", []Scope{
		{"email", "Your email address", low},
		{"phone", "Your phone number", med},
		{"vkid.personal_info", "Your name, photo and sex", low},
		{"friends", "Your friends list", med},
		{"photos", "Your photos", med},
		{"video", "Your videos", med},
		{"audio", "Your music", med},
		{"stories", "Your stories", med},
		{"pages", "Your wiki pages", med},
		{"status", "Your status", med},
		{"notes", "Your notes", med},
		{"wall", "Your wall posts", med},
		{"groups", "Your communities", med},
		{"notify", "Send you notifications", low},
		{"notifications", "Your notifications", med},
		{"stats", "Statistics of your communities and apps", med},
		{"ads", "Manage your ad accounts", high},
		{"market", "Your market", med},
		{"offline", "Keep access while you are not using the app", med},
		{"messages", "Read and send your messages", high},
		{"docs", "Your documents", high},
	}},

	// Yandex ID: https://yandex.com/dev/id/doc/en/
	{"yandex", []Scope{
		{"login:info", "Your name and login", low},
		{"login:email", "Your email address", low},
		{"login:avatar", "Your profile picture", low},
		{"login:birthday", "Your birthday", med},
		{"login:default_phone", "Your phone number", med},
		{"cloud_api:disk.read", "Read all your Yandex Disk files", high},
		{"cloud_api:disk.write", "Change all your Yandex Disk files", high},
		{"mail:imap_full", "Read and send your Yandex Mail", high},
	}},

	// Kakao consent items: https://developers.kakao.com/docs/latest/en/kakaologin/utilize
	{"kakao", []Scope{
		{"openid", "Sign you in (OpenID Connect)", low},
		{"profile_nickname", "Your nickname", low},
		{"profile_image", "Your profile picture", low},
		{"account_email", "Your email address", low},
		{"name", "Your name", low},
		{"gender", "Your gender", med},
		{"age_range", "Your age range", low},
		{"birthday", "Your birthday", med},
		{"phone_number", "Your phone number", med},
		{"friends", "Your KakaoTalk friends list", med},
		{"talk_message", "Send KakaoTalk messages as you", high},
	}},

	// Naver Login asks for consent items on its own screen; its authorize
	// URL carries no scope.
	{"naver", []Scope{}},

	// WeChat: snsapi_login (website QR login), snsapi_base and
	// snsapi_userinfo (inside WeChat).
	{"wechat", []Scope{
		{"snsapi_login", "Sign you in with WeChat", low},
		{"snsapi_base", "Your WeChat ID for this app", low},
		{"snsapi_userinfo", "Your WeChat nickname, picture and region", low},
	}},

	// TikTok scopes: https://developers.tiktok.com/doc/tiktok-api-scopes
	{"tiktok", []Scope{
		{"user.info.basic", "Your name and avatar", low},
		{"user.info.profile", "Your profile details and bio", med},
		{"user.info.stats", "Your follower, like and video counts", med},
		{"video.list", "Your public videos", med},
		{"video.upload", "Upload videos as drafts to your account", med},
		{"video.publish", "Publish videos to your account", med},
	}},

	// Spotify scopes: https://developer.spotify.com/documentation/web-api/concepts/scopes
	{"spotify", []Scope{
		{"user-read-email", "Your email address", low},
		{"user-read-private", "Your country, subscription and profile details", med},
		{"playlist-read-private", "Your private playlists", med},
		{"playlist-read-collaborative", "Your collaborative playlists", med},
		{"playlist-modify-public", "Change your public playlists", med},
		{"playlist-modify-private", "Change your private playlists", med},
		{"user-library-read", "Your saved songs and albums", med},
		{"user-library-modify", "Change your saved songs and albums", med},
		{"user-read-playback-state", "What you are playing and on which device", med},
		{"user-modify-playback-state", "Control playback on your devices", med},
		{"user-read-currently-playing", "What you are playing now", med},
		{"user-read-recently-played", "What you played recently", med},
		{"user-read-playback-position", "Where you are in episodes you listen to", med},
		{"user-top-read", "Your top artists and songs", med},
		{"user-follow-read", "Who you follow", med},
		{"user-follow-modify", "Follow and unfollow as you", med},
		{"streaming", "Play music in the browser with your account", med},
		{"app-remote-control", "Control your Spotify app", med},
		{"ugc-image-upload", "Upload playlist cover images", med},
	}},

	// Twitch scopes: https://dev.twitch.tv/docs/authentication/scopes/
	{"twitch", []Scope{
		{"openid", "Sign you in (OpenID Connect)", low},
		{"user:read:email", "Your email address", low},
		{"user:read:follows", "Who you follow", med},
		{"user:read:subscriptions", "Your subscriptions", med},
		{"user:read:chat", "Read chat as you", med},
		{"chat:read", "Read chat as you", med},
		{"chat:edit", "Send chat messages as you", high},
		{"user:write:chat", "Send chat messages as you", high},
		{"whispers:read", "Read your whispers (private messages)", high},
		{"user:manage:whispers", "Read and send your whispers (private messages)", high},
		{"channel:manage:broadcast", "Manage your channel's broadcast", med},
	}},

	// Log in with PayPal: https://developer.paypal.com/docs/log-in-with-paypal/integrate/reference/
	{"paypal", []Scope{
		{"openid", "Sign you in (OpenID Connect)", low},
		{"profile", "Your name", low},
		{"email", "Your email address", low},
		{"address", "Your street address", med},
		{"phone", "Your phone number", med},
		{"https://uri.paypal.com/services/paypalattributes", "Your PayPal account status and payer ID", med},
		{"https://uri.paypal.com/services/invoicing", "Create and manage invoices as you", high},
	}},

	// Reddit scopes: https://www.reddit.com/api/v1/scopes
	{"reddit", []Scope{
		{"identity", "Your username and signup date", low},
		{"read", "Posts and comments as you see them", low},
		{"mysubreddits", "The communities you joined or moderate", med},
		{"history", "Your voting history and saved posts", med},
		{"submit", "Post and comment as you", med},
		{"edit", "Edit and delete your posts and comments", med},
		{"vote", "Vote as you", med},
		{"save", "Save and unsave posts as you", med},
		{"subscribe", "Join and leave communities as you", med},
		{"privatemessages", "Read and send your private messages", high},
		{"account", "Change your account preferences", high},
		{"modposts", "Moderate posts in your communities", high},
		{"modmail", "Read and send modmail of your communities", high},
		{"*", "Everything your account can do", high},
	}},

	// Instagram: https://developers.facebook.com/docs/instagram-platform/overview
	{"instagram", []Scope{
		{"user_profile", "Your profile", low},
		{"user_media", "Your photos and videos", med},
		{"instagram_business_basic", "Your professional profile and media", med},
		{"instagram_business_content_publish", "Publish posts as you", med},
		{"instagram_business_manage_comments", "Read and reply to comments as you", med},
		{"instagram_business_manage_messages", "Read and send your direct messages", high},
	}},
}
