package domain

import (
	"errors"
	"strings"
)

// Parameters of the Punycode bootstring (RFC 3492, section 5).
const (
	punyBase        = 36
	punyTMin        = 1
	punyTMax        = 26
	punySkew        = 38
	punyDamp        = 700
	punyInitialBias = 72
	punyInitialN    = 128
)

// acePrefix marks a label in its ASCII-compatible encoding (an A-label).
const acePrefix = "xn--"

// errPunyOverflow is returned for input whose encoding would overflow; labels
// short enough for DNS never do.
var errPunyOverflow = errors.New("label too long to encode")

// punyEncode returns the Punycode encoding of label (RFC 3492, section 6.3),
// without the "xn--" prefix.
func punyEncode(label []rune) (string, error) {
	var out strings.Builder
	for _, r := range label {
		if r < 0x80 {
			out.WriteByte(byte(r))
		}
	}
	basic := out.Len()
	h := basic
	if basic > 0 {
		out.WriteByte('-')
	}
	n, delta, bias := rune(punyInitialN), 0, punyInitialBias
	const maxInt = 1<<31 - 1
	for h < len(label) {
		// The smallest code point not yet handled.
		m := rune(0x7fffffff)
		for _, r := range label {
			if r >= n && r < m {
				m = r
			}
		}
		if int(m-n) > (maxInt-delta)/(h+1) {
			return "", errPunyOverflow
		}
		delta += int(m-n) * (h + 1)
		n = m
		for _, r := range label {
			if r < n {
				delta++
				if delta > maxInt {
					return "", errPunyOverflow
				}
			}
			if r != n {
				continue
			}
			q := delta
			for k := punyBase; ; k += punyBase {
				t := k - bias
				switch {
				case t < punyTMin:
					t = punyTMin
				case t > punyTMax:
					t = punyTMax
				}
				if q < t {
					break
				}
				out.WriteByte(punyDigit(t + (q-t)%(punyBase-t)))
				q = (q - t) / (punyBase - t)
			}
			out.WriteByte(punyDigit(q))
			bias = punyAdapt(delta, h+1, h == basic)
			delta = 0
			h++
		}
		delta++
		n++
	}
	return out.String(), nil
}

// punyDigit returns the basic code point for the digit d (0..35).
func punyDigit(d int) byte {
	if d < 26 {
		return byte('a' + d)
	}
	return byte('0' + d - 26)
}

// punyAdapt is the bias adaptation function of RFC 3492, section 6.1.
func punyAdapt(delta, numPoints int, first bool) int {
	if first {
		delta /= punyDamp
	} else {
		delta /= 2
	}
	delta += delta / numPoints
	k := 0
	for delta > ((punyBase-punyTMin)*punyTMax)/2 {
		delta /= punyBase - punyTMin
		k += punyBase
	}
	return k + (punyBase-punyTMin+1)*delta/(delta+punySkew)
}
