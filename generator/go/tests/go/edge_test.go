// Model tests of the SDK generated from generator/go/tests/edge.yaml: unions (by
// discriminator, by shape, unknown members kept raw, nested), extra members of open objects,
// recursive types, open enums.
package edge

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	edge "github.com/sdkgen/3d-edge-cases-go"
	"github.com/sdkgen/3d-edge-cases-go/option"
)

func roundTrip(t *testing.T, in string, v any) string {
	t.Helper()
	if err := json.Unmarshal([]byte(in), v); err != nil {
		t.Fatalf("decode %s: %v", in, err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestDiscriminatedUnion(t *testing.T) {
	var pets edge.Pets
	out := roundTrip(t, `[{"kind":"cat","lives":9},{"kind":"kitty","lives":3},{"kind":"dog","good":true},{"kind":"fish","fins":2}]`, &pets)
	if pets[0].Cat == nil || pets[0].Cat.Lives == nil || *pets[0].Cat.Lives != 9 || pets[1].Cat == nil || pets[2].Dog == nil {
		t.Fatalf("members %+v", pets)
	}
	if pets[3].Cat != nil || pets[3].Dog != nil || string(pets[3].Raw()) != `{"kind":"fish","fins":2}` {
		t.Fatalf("unknown member %+v", pets[3])
	}
	if out != `[{"kind":"cat","lives":9},{"kind":"kitty","lives":3},{"kind":"dog","good":true},{"kind":"fish","fins":2}]` {
		t.Fatalf("round trip %s", out)
	}
}

// A union member that is itself a union must not take JSON that fits none of its own
// members (an array here), and JSON that fits no member at all is an error.
func TestNestedUnionsAndJSONThatFitsNoMember(t *testing.T) {
	var c edge.Content
	if roundTrip(t, `["a",{"side":2}]`, &c) != `["a",{"side":2}]` || c.ContentItem != nil || len(c.ContentItemArray) != 2 || c.ContentItemArray[1].Square == nil {
		t.Fatalf("array member %+v", c)
	}
	if roundTrip(t, `[]`, &c) != `[]` || c.ContentItem != nil || c.ContentItemArray == nil {
		t.Fatalf("empty array member %+v", c)
	}
	if roundTrip(t, `"a"`, &c) != `"a"` || c.ContentItem == nil || c.ContentItem.String == nil {
		t.Fatalf("item member %+v", c)
	}
	var item edge.ContentItem
	if err := json.Unmarshal([]byte(`[1]`), &item); err == nil || !strings.Contains(err.Error(), "fits none of its members") {
		t.Fatalf("no member: %v %+v", err, item)
	}
	var pet edge.Pet
	if err := json.Unmarshal([]byte(`{"kind":"cat","lives":"nine"}`), &pet); err == nil {
		t.Fatalf("a tagged member that does not decode: %+v", pet)
	}
}

func TestDiscriminatorAddedWhenTheMemberLacksIt(t *testing.T) {
	b, err := json.Marshal(edge.Shape{Circle: &edge.Circle{Radius: edge.Float(1.5)}})
	if err != nil || string(b) != `{"radius":1.5,"shape_type":"circle"}` {
		t.Fatalf("%s %v", b, err)
	}
	var s edge.Shape
	if roundTrip(t, `{"shape_type":"square","side":2}`, &s) != `{"shape_type":"square","side":2}` || s.Square == nil || *s.Square.Side != 2 {
		t.Fatalf("decoded %+v", s)
	}
}

func TestUnionOfPrimitivesByShape(t *testing.T) {
	cases := map[string]func(p edge.Prim) bool{
		`"s"`:       func(p edge.Prim) bool { return p.String != nil && *p.String == "s" },
		`3`:         func(p edge.Prim) bool { return p.Int != nil && *p.Int == 3 },
		`2.5`:       func(p edge.Prim) bool { return p.Float != nil && *p.Float == 2.5 },
		`true`:      func(p edge.Prim) bool { return p.Bool != nil && *p.Bool },
		`["a"]`:     func(p edge.Prim) bool { return len(p.StringArray) == 1 },
		`{"k":[1]}`: func(p edge.Prim) bool { return p.Map != nil },
		`null`:      func(p edge.Prim) bool { return p.String == nil && p.Map == nil },
	}
	for in, ok := range cases {
		var p edge.Prim
		out := roundTrip(t, in, &p)
		if !ok(p) || out != in {
			t.Fatalf("%s -> %+v -> %s", in, p, out)
		}
	}
	b, _ := json.Marshal(edge.Prim{Int: edge.Int(7)})
	if string(b) != "7" {
		t.Fatalf("built in code: %s", b)
	}
}

func TestExtraMembersOfOpenObjects(t *testing.T) {
	var m edge.Mixed
	out := roundTrip(t, `{"known":"k","big":9007199254740993,"other":"x","more":"y"}`, &m)
	if *m.Known != "k" || *m.Big != 9007199254740993 || m.ExtraFields["other"] != "x" || m.ExtraFields["more"] != "y" || len(m.ExtraFields) != 2 {
		t.Fatalf("decoded %+v", m)
	}
	if out != `{"big":9007199254740993,"known":"k","more":"y","other":"x"}` {
		t.Fatalf("round trip %s", out)
	}
}

func TestRecursiveTypesAndOpenEnums(t *testing.T) {
	var n edge.Node
	out := roundTrip(t, `{"value":"a","self":{"value":"b","self":null,"pair":null},"pair":{"left":{"value":"c","self":null,"pair":null}},"children":[{"value":"d","self":null,"pair":null}]}`, &n)
	if n.Self.Value != "b" || n.Pair.Left.Value != "c" || n.Children[0].Value != "d" {
		t.Fatalf("decoded %+v", n)
	}
	if out == "" {
		t.Fatal("no output")
	}
	var s edge.String2
	if roundTrip(t, `"brand-new"`, &s) != `"brand-new"` || s == edge.String2A {
		t.Fatalf("enum %q", s)
	}
}

func TestPaginationByLastItemAndHasMore(t *testing.T) {
	var after []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("api_key") != "k" {
			t.Errorf("query auth missing: %s", r.URL.RawQuery)
		}
		a := r.URL.Query().Get("starting_after")
		after = append(after, a)
		w.Header().Set("Content-Type", "application/json")
		switch a {
		case "":
			fmt.Fprint(w, `{"data":[{"id":"ch_1"},{"id":"ch_2"}],"has_more":true}`)
		case "ch_2":
			fmt.Fprint(w, `{"data":[{"id":"ch_3"}],"has_more":false}`)
		default:
			t.Errorf("unexpected starting_after %q", a)
			fmt.Fprint(w, `{"data":[],"has_more":false}`)
		}
	}))
	defer srv.Close()
	c := edge.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"))
	var ids []string
	for ch, err := range c.Charges.ListAutoPaging(context.Background(), edge.ChargesListParams{Limit: edge.Int(2)}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, ch.ID)
	}
	if strings.Join(ids, ",") != "ch_1,ch_2,ch_3" || strings.Join(after, ",") != ",ch_2" {
		t.Fatalf("ids %v, starting_after %q", ids, after)
	}
}
