package defaultlist_test

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/partnerwatch/partnerwatch/wasm/domain"
	"github.com/partnerwatch/partnerwatch/wasm/list"
	"github.com/partnerwatch/partnerwatch/wasm/list/defaultlist"
)

// load returns the assembled default list or stops the test.
func load(t *testing.T) *list.List {
	t.Helper()
	l, err := defaultlist.Load()
	if err != nil {
		t.Fatalf("defaultlist.Load: %v", err)
	}
	return l
}

// partnerByID indexes the list's partners by ID.
func partnerByID(l *list.List) map[string]*list.Partner {
	m := make(map[string]*list.Partner, len(l.Partners))
	for i := range l.Partners {
		m[l.Partners[i].ID] = &l.Partners[i]
	}
	return m
}

// TestRequiredPartners checks that every company named in the reporting the
// list is built on is present, with a sourced grant from the right platform
// that carries the access the reporting describes.
func TestRequiredPartners(t *testing.T) {
	tests := []struct {
		id         string
		platform   string
		permission string // a permission at least one of the platform's grants must carry
	}{
		// New York Times, 18 December 2018: messages.
		{"spotify", "facebook", "read_messages"},
		{"netflix", "facebook", "delete_messages"},
		{"rbc", "facebook", "write_messages"},
		// New York Times, 18 December 2018: friends and contacts.
		{"microsoft", "facebook", "friends_names"},
		{"amazon", "facebook", "friends_contact_info"},
		{"yahoo", "facebook", "friends_posts"},
		{"apple", "facebook", "calendar"},
		{"sony", "facebook", "friends_email"},
		{"yandex", "facebook", "user_ids"},
		// New York Times, 3 and 5 June 2018: device makers.
		{"blackberry", "facebook", "friends_profile_details"},
		{"samsung", "facebook", "friends_profile_details"},
		{"huawei", "facebook", "friends_profile_details"},
		{"lenovo", "facebook", "friends_profile_details"},
		{"oppo", "facebook", "friends_profile_details"},
		{"tcl", "facebook", "friends_profile_details"},
		// Instant personalization partners.
		{"pandora", "facebook", "friends_names"},
		{"yelp", "facebook", "friends_names"},
		{"rotten-tomatoes", "facebook", "friends_names"},
		{"scribd", "facebook", "friends_names"},
		{"clicker", "facebook", "friends_names"},
		{"tripadvisor", "facebook", "friends_names"},
		// Wall Street Journal, 2 July 2018: Gmail.
		{"return-path", "google", "read_mail"},
		{"edison", "google", "read_mail"},
	}
	partners := partnerByID(load(t))
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			p, ok := partners[tt.id]
			if !ok {
				t.Fatalf("partner %q is missing", tt.id)
			}
			found := false
			for _, g := range p.Grants {
				if g.Platform != tt.platform || len(g.Sources) == 0 {
					continue
				}
				for _, perm := range g.Permissions {
					if perm == tt.permission {
						found = true
					}
				}
			}
			if !found {
				t.Errorf("partner %q has no sourced %s grant with permission %q", tt.id, tt.platform, tt.permission)
			}
		})
	}
}

// TestPartnerShape checks IDs, names and that every partner has grants.
func TestPartnerShape(t *testing.T) {
	slug := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	seen := map[string]bool{}
	for _, p := range load(t).Partners {
		if !slug.MatchString(p.ID) {
			t.Errorf("partner ID %q is not a lowercase slug", p.ID)
		}
		if seen[p.ID] {
			t.Errorf("partner ID %q appears twice", p.ID)
		}
		seen[p.ID] = true
		if strings.TrimSpace(p.Name) == "" {
			t.Errorf("partner %q has no name", p.ID)
		}
		if len(p.Domains) == 0 {
			t.Errorf("partner %q has no domains", p.ID)
		}
		if len(p.Grants) == 0 {
			t.Errorf("partner %q has no grants", p.ID)
		}
	}
}

// TestPermissionCatalogue checks the catalogue itself and that every grant
// refers only to permissions in it.
func TestPermissionCatalogue(t *testing.T) {
	l := load(t)
	id := regexp.MustCompile(`^[a-z]+(_[a-z]+)*$`)
	severities := map[string]bool{list.SeverityLow: true, list.SeverityMedium: true, list.SeverityHigh: true}
	catalogue := map[string]bool{}
	for _, p := range l.Permissions {
		if !id.MatchString(p.ID) {
			t.Errorf("permission ID %q is not snake_case", p.ID)
		}
		if catalogue[p.ID] {
			t.Errorf("permission %q appears twice", p.ID)
		}
		catalogue[p.ID] = true
		if strings.TrimSpace(p.Label) == "" {
			t.Errorf("permission %q has no label", p.ID)
		}
		if strings.Contains(strings.ToLower(p.Label), "facebook") || strings.Contains(strings.ToLower(p.Label), "gmail") {
			t.Errorf("permission %q label %q names a platform; labels are platform-neutral", p.ID, p.Label)
		}
		if !severities[p.Severity] {
			t.Errorf("permission %q has severity %q, want low, medium or high", p.ID, p.Severity)
		}
	}
	for _, p := range l.Partners {
		for i, g := range p.Grants {
			if len(g.Permissions) == 0 {
				t.Errorf("%s grant %d lists no permissions", p.ID, i)
			}
			for _, perm := range g.Permissions {
				if !catalogue[perm] {
					t.Errorf("%s grant %d: permission %q is not in the catalogue", p.ID, i, perm)
				}
			}
		}
	}
}

// TestPartnerDomains checks that every partner domain is a registrable
// domain (eTLD+1) and that no two partners claim the same one.
func TestPartnerDomains(t *testing.T) {
	owner := map[string]string{}
	for _, p := range load(t).Partners {
		for _, d := range p.Domains {
			got, err := domain.Registrable(d)
			if err != nil {
				t.Errorf("%s: domain %q: %v", p.ID, d, err)
			} else if got != d {
				t.Errorf("%s: domain %q is not registrable; its registrable domain is %q", p.ID, d, got)
			}
			if prev, ok := owner[d]; ok {
				t.Errorf("domain %q is claimed by both %q and %q", d, prev, p.ID)
			}
			owner[d] = p.ID
		}
	}
}

// TestGrantPlatforms checks that every grant's platform is a provider of the
// list. While the providers are not written yet the check is skipped.
func TestGrantPlatforms(t *testing.T) {
	l := load(t)
	if len(l.Providers) == 0 {
		t.Skip("the default list has no providers yet")
	}
	providers := map[string]bool{}
	for _, p := range l.Providers {
		providers[p.ID] = true
	}
	for _, p := range l.Partners {
		for i, g := range p.Grants {
			if !providers[g.Platform] {
				t.Errorf("%s grant %d: platform %q is not a provider of the list", p.ID, i, g.Platform)
			}
		}
	}
}

// TestGrantFields checks each grant's summary, status, period, sources and
// responses.
func TestGrantFields(t *testing.T) {
	statuses := map[string]bool{
		list.StatusReported: true, list.StatusConfirmed: true,
		list.StatusDeniedByPartner: true, list.StatusEnded: true,
	}
	for _, p := range load(t).Partners {
		for i, g := range p.Grants {
			where := func(field string) string { return fmt.Sprintf("%s grant %d %s", p.ID, i, field) }
			s := strings.TrimSpace(g.Summary)
			if s == "" || !strings.HasSuffix(s, ".") {
				t.Errorf("%s: %q is not a sentence", where("summary"), g.Summary)
			}
			if !statuses[g.Status] {
				t.Errorf("%s: %q is not a status", where("status"), g.Status)
			}
			from, err := parsePeriodDate(g.Period.From)
			if err != nil {
				t.Errorf("%s: %v", where("period.from"), err)
			}
			if g.Period.To != "" {
				to, err := parsePeriodDate(g.Period.To)
				if err != nil {
					t.Errorf("%s: %v", where("period.to"), err)
				} else if to.Before(from) {
					t.Errorf("%s: %q is before from %q", where("period.to"), g.Period.To, g.Period.From)
				}
			}
			if len(g.Sources) == 0 {
				t.Errorf("%s: no source", where("sources"))
			}
			for j, src := range g.Sources {
				w := where(fmt.Sprintf("sources[%d]", j))
				if strings.TrimSpace(src.Title) == "" || strings.TrimSpace(src.Publisher) == "" {
					t.Errorf("%s: title and publisher are required", w)
				}
				if _, err := time.Parse("2006-01-02", src.Date); err != nil {
					t.Errorf("%s: date %q is not YYYY-MM-DD", w, src.Date)
				}
				if err := checkHTTPS(src.URL); err != nil {
					t.Errorf("%s: %v", w, err)
				}
			}
			for j, r := range g.Responses {
				w := where(fmt.Sprintf("responses[%d]", j))
				if strings.TrimSpace(r.By) == "" || strings.TrimSpace(r.Text) == "" {
					t.Errorf("%s: by and text are required", w)
				}
				if r.Date != "" {
					if _, err := time.Parse("2006-01-02", r.Date); err != nil {
						t.Errorf("%s: date %q is not YYYY-MM-DD", w, r.Date)
					}
				}
				if r.URL != "" {
					if err := checkHTTPS(r.URL); err != nil {
						t.Errorf("%s: %v", w, err)
					}
				}
			}
		}
	}
}

// TestPeriodDateParsing checks the helper the tests above rely on, so that a
// broken helper cannot make them pass vacuously.
func TestPeriodDateParsing(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		// Accepted forms.
		{"2018", true},
		{"2013-12", true},
		{"2018-12-18", true},
		// Rejected forms.
		{"", false},
		{"18", false},
		{"2018-13", false},
		{"2018-02-30", false},
		{"2018/12/18", false},
		{"December 2018", false},
	}
	for _, tt := range tests {
		_, err := parsePeriodDate(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("parsePeriodDate(%q) error = %v, want ok %v", tt.in, err, tt.ok)
		}
	}
}

// TestCheckHTTPS checks the URL helper the tests above rely on.
func TestCheckHTTPS(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		// Accepted.
		{"https://www.nytimes.com/2018/12/18/technology/facebook-privacy.html", true},
		// Rejected.
		{"http://www.nytimes.com/", false},
		{"https://", false},
		{"nytimes.com/2018", false},
		{"", false},
	}
	for _, tt := range tests {
		err := checkHTTPS(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("checkHTTPS(%q) error = %v, want ok %v", tt.in, err, tt.ok)
		}
	}
}

// parsePeriodDate parses a period date given as YYYY, YYYY-MM or YYYY-MM-DD.
func parsePeriodDate(s string) (time.Time, error) {
	for _, layout := range []string{"2006", "2006-01", "2006-01-02"} {
		if len(s) == len(layout) {
			return time.Parse(layout, s)
		}
	}
	return time.Time{}, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
}

// checkHTTPS reports whether s is an absolute https URL with a host.
func checkHTTPS(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return err
	}
	if u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("URL %q is not an https URL with a host", s)
	}
	return nil
}
