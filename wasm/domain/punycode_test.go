package domain

import "testing"

func TestPunyEncode(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		// Sample strings of RFC 3492, section 7.1.
		{"\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064A\u061F", "egbpdaj6bu4bxfgehfvwxn"}, // (A) Arabic
		{"\u4ED6\u4EEC\u4E3A\u4EC0\u4E48\u4E0D\u8BF4\u4E2D\u6587", "ihqwcrb4cv8a8dqg056pqjye"},                                               // (B) Chinese
		{"3\u5E74B\u7D44\u91D1\u516B\u5148\u751F", "3B-ww4c5e180e575a65lsy2b"},                                                               // (L)
		{"\u5B89\u5BA4\u5948\u7F8E\u6075-with-SUPER-MONKEYS", "-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n"},                                    // (M)
		{"\u3072\u3068\u3064\u5C4B\u6839\u306E\u4E0B2", "2-u9tlzr9756bt3uc0v"},                                                               // (O)
		{"\u305D\u306E\u30B9\u30D4\u30FC\u30C9\u3067", "d9juau41awczczp"},                                                                    // (R)

		// Common hosts.
		{"bücher", "bcher-kva"},
		{"例え", "r8jz45g"},
		{"ü", "tda"},
	} {
		got, err := punyEncode([]rune(tc.in))
		if err != nil || got != tc.want {
			t.Errorf("punyEncode(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}
