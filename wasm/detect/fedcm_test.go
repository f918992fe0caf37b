package detect

import "testing"

func TestAssigned(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{`: 'https://accounts.google.com/gsi/fedcm.json', clientId`, "https://accounts.google.com/gsi/fedcm.json", true},
		{`":"https://idp.example/config.json"}`, "https://idp.example/config.json", true},
		{` = "x"`, "x", true},
		{`: true,`, "true", true},
		{`:!0}`, "!0", true},
		{`:false`, "false", true},
		{"\n\t: `t`", "t", true},
		{` is set`, "", false},
		{`: 'unterminated`, "", false},
		{`:`, "", false},
		{``, "", false},
	}
	for _, tt := range tests {
		got, ok := assigned(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("assigned(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFlagSet(t *testing.T) {
	ff := fedcmFlag{flag: "use_fedcm_for_prompt", attr: "data-use_fedcm_for_prompt"}
	tests := []struct {
		name string
		obs  Observation
		ref  int
		ok   bool
	}{
		{"attribute", Observation{Elements: []Element{{Ref: 4, Attrs: Attrs{{"data-use_fedcm_for_prompt", " TRUE "}}}}}, 4, true},
		{"attribute false", Observation{Elements: []Element{{Ref: 4, Attrs: Attrs{{"data-use_fedcm_for_prompt", "false"}}}}}, 0, false},
		{"script", Observation{Inline: []string{`google.accounts.id.initialize({client_id:"x",use_fedcm_for_prompt:true})`}}, -1, true},
		{"minified", Observation{Inline: []string{`a.initialize({use_fedcm_for_prompt:!0})`}}, -1, true},
		{"quoted key", Observation{Inline: []string{`{"use_fedcm_for_prompt": true}`}}, -1, true},
		{"false", Observation{Inline: []string{`{use_fedcm_for_prompt: false}`}}, 0, false},
		{"second mention", Observation{Inline: []string{`// use_fedcm_for_prompt is new
cfg.use_fedcm_for_prompt = true;`}}, -1, true},
		{"other flag", Observation{Inline: []string{`{use_fedcm_for_button: true}`}}, 0, false},
	}
	for _, tt := range tests {
		ref, ok := flagSet(&tt.obs, ff)
		if ok != tt.ok || ok && ref != tt.ref {
			t.Errorf("%s: %d, %v; want %d, %v", tt.name, ref, ok, tt.ref, tt.ok)
		}
	}
}
