package oauth_test

import (
	"fmt"

	"github.com/partnerwatch/partnerwatch/wasm/oauth"
)

func ExampleParse() {
	req, ok := oauth.Parse("https://www.facebook.com/v3.2/dialog/oauth?client_id=174829003346" +
		"&redirect_uri=https%3A%2F%2Faccounts.spotify.com%2Fapi%2Ffacebook%2Fcallback" +
		"&scope=email,user_friends,user_messages&response_type=code")
	if !ok {
		fmt.Println("not an authorize URL")
		return
	}
	fmt.Println(req.Provider, req.ClientID, req.RedirectSite, req.Severity)
	for _, s := range req.Scopes {
		fmt.Printf("%s: %s (%s)\n", s.Name, s.Label, s.Severity)
	}
	// Output:
	// facebook 174829003346 spotify.com high
	// email: Your email address (low)
	// user_friends: Your list of friends who also use this app (medium)
	// user_messages: Read, send and delete your private messages (high)
}

func ExampleParse_lookalike() {
	_, ok := oauth.Parse("https://accounts.google.com.evil.io/o/oauth2/v2/auth?client_id=1")
	fmt.Println(ok)
	// Output: false
}
