package list
import ("testing";"fmt")
func TestSizeTmp(t *testing.T){ l:=largeList(1); b,_:=Encode(&List{Partners:l.Partners}); fmt.Println(len(b)); fmt.Println(string(b)) }
