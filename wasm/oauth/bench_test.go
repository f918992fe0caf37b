package oauth

import "testing"

// BenchmarkParse measures Parse on the URLs the extension sees most: a
// consent URL with scopes, a plain sign-in URL, and URLs that are not
// authorize requests at all (the common case for network observation).
func BenchmarkParse(b *testing.B) {
	urls := []struct{ name, url string }{
		{"google-gmail", "https://accounts.google.com/o/oauth2/v2/auth?client_id=1234-abc.apps.googleusercontent.com&redirect_uri=https%3A%2F%2Fapp.example.com%2Foauth2callback&response_type=code&scope=openid%20email%20https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fgmail.readonly&access_type=offline&state=abcdef"},
		{"facebook", "https://www.facebook.com/v19.0/dialog/oauth?client_id=123456789&redirect_uri=https%3A%2F%2Fwww.spotify.com%2Fapi%2Ffacebook%2Fcallback&state=xyz&scope=email,user_friends&response_type=code"},
		{"facebook-wrapped", "https://www.facebook.com/login.php?skip_api_login=1&api_key=555&next=https%3A%2F%2Fwww.facebook.com%2Fv18.0%2Fdialog%2Foauth%3Fclient_id%3D555%26redirect_uri%3Dhttps%253A%252F%252Fwww.example.co.uk%252Fcb%26scope%3Demail%252Cuser_posts"},
		{"miss-other-host", "https://cdn.example.com/static/js/app.3f2a1b.js?v=12"},
		{"miss-provider-host", "https://www.facebook.com/spotify/posts/123456"},
		{"lookalike", "https://accounts.google.com.evil.io/o/oauth2/v2/auth?client_id=1"},
	}
	for _, u := range urls {
		b.Run(u.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Parse(u.url)
			}
		})
	}
}
