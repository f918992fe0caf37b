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

// TestRequiredPartners names every company the reporting the list is built
// on describes, with the platform and an access the reporting gives it:
// each needs a grant from that platform carrying that permission. A partner
// of the list that this table does not name fails too, so that the table
// stays the list's index.
func TestRequiredPartners(t *testing.T) {
	tests := []struct {
		id         string
		platform   string
		permission string // a permission at least one of the platform's grants must carry
	}{
		// Messaging partners: The New York Times, 18 December 2018; Facebook, 19 December 2018.
		{"spotify", "facebook", "read_messages"},
		{"netflix", "facebook", "delete_messages"},
		{"rbc", "facebook", "write_messages"},
		{"dropbox", "facebook", "write_messages"},
		// Friends' data: The New York Times, 18 December 2018.
		{"microsoft", "facebook", "friends_names"},
		{"amazon", "facebook", "friends_contact_info"},
		{"yahoo", "facebook", "friends_posts"},
		{"apple", "facebook", "calendar"},
		{"yandex", "facebook", "user_ids"},
		{"nytimes", "facebook", "friends_list"},
		// Device makers: The New York Times, 3 and 5 June 2018.
		{"blackberry", "facebook", "friends_of_friends"},
		{"samsung", "facebook", "friends_profile_details"},
		{"huawei", "facebook", "friends_profile_details"},
		{"lenovo", "facebook", "friends_profile_details"},
		{"oppo", "facebook", "friends_profile_details"},
		{"tcl", "facebook", "friends_profile_details"},
		// Integration partners named in Facebook's answers to the House Energy and Commerce Committee, 29 June 2018.
		{"accedo", "facebook", "profile"},
		{"acer", "facebook", "profile"},
		{"airtel", "facebook", "profile"},
		{"alibaba", "facebook", "profile"},
		{"att", "facebook", "profile"},
		{"dell", "facebook", "profile"},
		{"dnp", "facebook", "profile"},
		{"docomo", "facebook", "profile"},
		{"garmin", "facebook", "profile"},
		{"gemalto", "facebook", "profile"},
		{"hp", "facebook", "profile"},
		{"htc", "facebook", "profile"},
		{"kodak", "facebook", "profile"},
		{"lg", "facebook", "profile"},
		{"mediatek", "facebook", "profile"},
		{"mozilla", "facebook", "profile"},
		{"nokia", "facebook", "profile"},
		{"nuance", "facebook", "profile"},
		{"o2", "facebook", "profile"},
		{"opera", "facebook", "profile"},
		{"orange", "facebook", "profile"},
		{"qualcomm", "facebook", "profile"},
		{"sony", "facebook", "profile"},
		{"sprint", "facebook", "profile"},
		{"t-mobile", "facebook", "profile"},
		{"tim", "facebook", "profile"},
		{"tobii", "facebook", "profile"},
		{"verisign", "facebook", "profile"},
		{"verizon", "facebook", "profile"},
		{"vodafone", "facebook", "profile"},
		{"warner-bros", "facebook", "profile"},
		{"western-digital", "facebook", "profile"},
		{"yahoo", "facebook", "profile"},
		{"microsoft", "facebook", "profile"},
		{"amazon", "facebook", "profile"},
		{"blackberry", "facebook", "profile"},
		// The 2015 one-time extension for friends' data, same answers.
		{"spotify", "facebook", "friends_names"},
		{"nike", "facebook", "friends_names"},
		{"ups", "facebook", "friends_names"},
		{"hinge", "facebook", "friends_names"},
		{"aol", "facebook", "friends_names"},
		{"snap", "facebook", "friends_names"},
		{"oracle", "facebook", "friends_names"},
		{"panasonic", "facebook", "friends_names"},
		{"nissan", "facebook", "friends_names"},
		{"audi", "facebook", "friends_names"},
		{"serotek", "facebook", "friends_names"},
		{"playtika", "facebook", "friends_names"},
		{"mail-ru", "facebook", "friends_list"},
		{"jiosaavn", "facebook", "friends_names"},
		// Whitelisted after the 2014-2015 platform change: UK Parliament release, 5 December 2018.
		{"airbnb", "facebook", "friends_profile_basics"},
		{"lyft", "facebook", "friends_profile_basics"},
		{"tinder", "facebook", "friends_profile_basics"},
		{"netflix", "facebook", "friends_profile_basics"},
		{"rbc", "facebook", "friends_list"},
		{"badoo", "facebook", "friends_profile_basics"},
		// Whitelisted dating apps: Six4Three documents leaked in November 2019, as Mashable reported them.
		{"bumble", "facebook", "friends_profile_basics"},
		{"coffee-meets-bagel", "facebook", "friends_profile_basics"},
		// Instant personalization partners, 2010-2014.
		{"pandora", "facebook", "friends_names"},
		{"yelp", "facebook", "friends_names"},
		{"rotten-tomatoes", "facebook", "friends_names"},
		{"scribd", "facebook", "friends_names"},
		{"tripadvisor", "facebook", "friends_names"},
		{"microsoft", "facebook", "public_activity"},
		// Mailbox access: The Wall Street Journal, 2 July 2018; The New York Times, 24 April 2017.
		{"return-path", "google", "read_mail"},
		{"return-path", "microsoft", "read_mail"},
		{"return-path", "yahoo", "read_mail"},
		{"edison", "google", "read_mail"},
		{"edatasource", "google", "read_mail"},
		{"unroll-me", "google", "read_mail"},
		{"unroll-me", "yahoo", "read_mail"},
		{"unroll-me", "microsoft", "read_mail"},
		// Facebook's Public Feed API, first media partners: AFP and TechRadar, September 2013.
		{"buzzfeed", "facebook", "public_activity"},
		{"cnn", "facebook", "public_activity"},
		{"nbc-news", "facebook", "public_activity"},
		{"sky", "facebook", "public_activity"},
		{"slate", "facebook", "public_activity"},
		// Public tweets: Twitter's letter to the ACLU of California, 12 December 2016.
		{"dataminr", "twitter", "public_activity"},
		// Twitter's data partnership with IBM: Computerworld, November 2014; The Motley Fool, March 2015.
		{"ibm", "twitter", "public_activity"},
		// Twitter's real-time stream and archive for MIT's Laboratory for Social Machines: The Associated Press and The Verge, October 2014.
		{"mit", "twitter", "public_activity"},
		// Messenger voice clips transcribed by a contractor: Bloomberg, as MacRumors and The New American relayed it, August 2019.
		{"taskus", "facebook", "read_messages"},
		// Twitter's Data Grants pilot, the six institutions Twitter named on 17 April 2014: Food Safety Magazine and Gigaom reprint its list.
		{"harvard", "twitter", "public_activity"},
		{"boston-childrens", "twitter", "public_activity"},
		{"nict", "twitter", "public_activity"},
		{"twente", "twitter", "public_activity"},
		{"ucsd", "twitter", "public_activity"},
		{"wollongong", "twitter", "public_activity"},
		{"uel", "twitter", "public_activity"},
	}
	partners := partnerByID(load(t))
	named := map[string]bool{}
	for _, tt := range tests {
		named[tt.id] = true
		t.Run(tt.id+"/"+tt.platform+"/"+tt.permission, func(t *testing.T) {
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
	for id := range partners {
		if !named[id] {
			t.Errorf("partner %q is in the list but not in this table; add the report that names it", id)
		}
	}
}

// TestPlatformStatements names the grants that the platform's own
// publications, read by a maintainer, support: each such grant must cite
// that publication as a platform statement, so that the strongest source
// cannot be dropped in favour of press reports of it (LIST.md, "The default
// list's strongest sources").
func TestPlatformStatements(t *testing.T) {
	const (
		messaging   = "https://about.fb.com/br/news/2018/12/fatos-sobre-as-parcerias-de-mensagens-do-facebook/amp"
		integration = "https://about.fb.com/br/news/2018/12/esclarecendo-alguns-pontos-sobre-as-parcerias-do-facebook/amp"
		cleaningUp  = "https://newsroom.fb.com/news/2019/07/cleaning-up-data-access/?mid=1"
		twitterACLU = "https://www.scribd.com/document/537674458/20161212-Twitter-Letter-to-Aclu"
	)
	tests := []struct {
		id         string
		permission string // identifies the grant: a permission it carries
		url        string
	}{
		{"spotify", "read_messages", messaging},
		{"netflix", "read_messages", messaging},
		{"rbc", "read_messages", messaging},
		{"dropbox", "read_messages", messaging},
		{"apple", "friends_profile_details", integration},
		{"amazon", "friends_profile_details", integration},
		{"blackberry", "friends_of_friends", integration},
		{"yahoo", "profile", integration},
		{"nytimes", "friends_list", integration},
		{"pandora", "public_activity", integration},
		{"microsoft", "friends_profile_details", cleaningUp},
		{"sony", "profile", cleaningUp},
		{"blackberry", "friends_of_friends", cleaningUp},
		{"dataminr", "public_activity", twitterACLU},
	}
	partners := partnerByID(load(t))
	for _, tt := range tests {
		t.Run(tt.id+"/"+tt.permission, func(t *testing.T) {
			p, ok := partners[tt.id]
			if !ok {
				t.Fatalf("partner %q is missing", tt.id)
			}
			for _, g := range p.Grants {
				if !hasPermission(g, tt.permission) {
					continue
				}
				for _, src := range g.Sources {
					if src.URL == tt.url {
						if src.Kind != list.SourcePlatformStatement {
							t.Errorf("%s cites %s as %q, want %q", tt.id, tt.url, src.Kind, list.SourcePlatformStatement)
						}
						return
					}
				}
			}
			t.Errorf("no grant of %q with %q cites %s", tt.id, tt.permission, tt.url)
		})
	}
}

// hasPermission reports whether the grant carries the permission.
func hasPermission(g list.Grant, permission string) bool {
	for _, p := range g.Permissions {
		if p == permission {
			return true
		}
	}
	return false
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

// TestGrantFields checks each grant's summary, evidence, access, sources
// and responses beyond list.Validate: summaries and response summaries are
// sentences, every source was read on or after its publication, and no
// grant rests on a single publisher's press report.
func TestGrantFields(t *testing.T) {
	evidence := map[string]bool{
		list.EvidenceReportedByPress: true, list.EvidenceConfirmedByPlatform: true, list.EvidenceConfirmedByPartner: true,
		list.EvidenceAllegedInCourt: true, list.EvidenceDeniedByPartner: true,
	}
	for _, p := range load(t).Partners {
		for i, g := range p.Grants {
			where := func(field string) string { return fmt.Sprintf("%s grant %d %s", p.ID, i, field) }
			s := strings.TrimSpace(g.Summary)
			if s == "" || !strings.HasSuffix(s, ".") {
				t.Errorf("%s: %q is not a sentence", where("summary"), g.Summary)
			}
			if strings.ContainsAny(g.Summary, "\"“”") {
				t.Errorf("%s: %q holds a quotation mark", where("summary"), g.Summary)
			}
			if !evidence[g.Evidence] {
				t.Errorf("%s: %q is not an evidence value", where("evidence"), g.Evidence)
			}
			for _, d := range []string{g.Access.From, g.Access.To, g.Access.By} {
				if d == "" {
					continue
				}
				if _, err := parsePeriodDate(d); err != nil {
					t.Errorf("%s: %v", where("access"), err)
				}
			}
			if len(g.Sources) == 0 {
				t.Errorf("%s: no source", where("sources"))
			}
			publishers := map[string]bool{}
			press := true
			for j, src := range g.Sources {
				w := where(fmt.Sprintf("sources[%d]", j))
				publishers[src.Publisher] = true
				if src.Kind != list.SourcePressReport {
					press = false
				}
				if strings.TrimSpace(src.Title) == "" || strings.TrimSpace(src.Publisher) == "" {
					t.Errorf("%s: title and publisher are required", w)
				}
				date, err := parsePeriodDate(src.Date)
				if err != nil {
					t.Errorf("%s: %v", w, err)
				}
				read, err := time.Parse("2006-01-02", src.Read)
				if err != nil {
					t.Errorf("%s: read %q is not YYYY-MM-DD", w, src.Read)
				} else if read.Before(date) {
					t.Errorf("%s: read %s before its publication %s", w, src.Read, src.Date)
				}
				if err := checkHTTPS(src.URL); err != nil {
					t.Errorf("%s: %v", w, err)
				}
			}
			if press && len(publishers) < 2 {
				t.Errorf("%s: a press-only grant cites one publisher", where("sources"))
			}
			for j, r := range g.Responses {
				w := where(fmt.Sprintf("responses[%d]", j))
				if strings.TrimSpace(r.By) == "" {
					t.Errorf("%s: by is required", w)
				}
				if _, err := parsePeriodDate(r.Date); err != nil {
					t.Errorf("%s: %v", w, err)
				}
				if err := checkHTTPS(r.URL); err != nil {
					t.Errorf("%s: %v", w, err)
				}
				switch r.Kind {
				case list.ResponseQuote:
					if r.Speaker == "" || strings.TrimSpace(r.Text) == "" {
						t.Errorf("%s: a quote needs a speaker and words", w)
					}
				case list.ResponseSummary:
					if strings.ContainsAny(r.Text, "\"“”") {
						t.Errorf("%s: summary %q holds a quotation mark", w, r.Text)
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
