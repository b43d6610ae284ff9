package io.helmsync.template.sprig;

import io.helmsync.template.Functions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Sprig's dict family as Helm runs it: outputs from Sprig's dict.go and docs (dicts.md), merges by
 * the mergo rules Sprig v3 ships with, errors as Go's panics and type checks.
 */
class SprigDictsTest extends FunctionCases {
  @Override
  Functions functions() {
    return SprigDicts.functions().with(SprigLists.functions());
  }

  @Override
  Map<String, Object> data() {
    Map<String, Object> role = new LinkedHashMap<>(Map.of("name", "admin"));
    Map<String, Object> user = new LinkedHashMap<>(Map.of("role", role));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("dig", new LinkedHashMap<>(Map.of("user", user, "s", "str")));
    data.put("f", 1.5);
    return data;
  }

  static Stream<Case> outputs() {
    String docDst = "(dict \"default\" \"default\" \"overwrite\" \"me\" \"key\" true)";
    String docSrc = "(dict \"overwrite\" \"overwritten\" \"key\" false)";
    return Stream.of(
        new Case(
            "{{ dict \"a\" 1 \"b\" }} {{ dict 1 2 nil 3 }} {{ dict }}",
            "map[a:1 b:] map[1:2 <nil>:3] map[]"),
        new Case("{{ dict \"a\" 1 \"a\" 2 }} {{ dict .f \"x\" }}", "map[a:2] map[1.5:x]"),
        new Case(
            "{{ get (dict \"a\" 1) \"a\" }}|{{ get dict \"x\" }}|{{ get nil \"a\" }}|", "1|||"),
        new Case("{{ get (dict \"a\" nil) \"a\" }}", "<no value>"),
        new Case(
            "{{ $d := dict \"a\" 1 }}{{ $_ := set $d \"b\" 2 }}{{ $d }} {{ set dict \"k\" "
                + "\"v\" }}",
            "map[a:1 b:2] map[k:v]"),
        new Case(
            "{{ unset (dict \"a\" 1 \"b\" 2) \"a\" }} {{ unset nil \"a\" }} {{ unset dict "
                + "\"x\" }}",
            "map[b:2] map[] map[]"),
        new Case(
            "{{ hasKey (dict \"a\" nil) \"a\" }} {{ hasKey nil \"a\" }} {{ hasKey dict "
                + "\"\" }}",
            "true false false"),
        new Case(
            "{{ pluck \"a\" (dict \"a\" 1) (dict \"b\" 2) (dict \"a\" 3) nil }} {{ pluck "
                + "\"a\" }}",
            "[1 3] []"),
        new Case(
            "{{ keys (dict \"b\" 1 \"a\" 2) (dict \"c\" 3 \"a\" 4) }} {{ keys }} {{ keys "
                + "nil }}",
            "[a b a c] [] []"),
        new Case("{{ values (dict \"b\" 1 \"a\" 2) }} {{ values nil }}", "[2 1] []"),
        new Case(
            "{{ pick (dict \"a\" 1 \"b\" 2 \"c\" 3) \"a\" \"c\" \"x\" }} {{ pick (dict "
                + "\"a\" 1) }}",
            "map[a:1 c:3] map[]"),
        new Case(
            "{{ omit (dict \"a\" 1 \"b\" 2 \"c\" 3) \"a\" \"c\" }} {{ omit nil \"a\" }}",
            "map[b:2] map[]"),
        new Case(
            "{{ dig \"user\" \"role\" \"name\" \"guest\" .dig }} {{ dig \"user\" \"x\" "
                + "\"y\" \"guest\" .dig }}",
            "admin guest"),
        new Case(
            "{{ dig \"a\" \"def\" dict }} {{ dig \"user\" \"role\" \"-\" .dig }}",
            "def map[name:admin]"),
        new Case(
            "{{ merge " + docDst + " " + docSrc + " }}",
            "map[default:default key:true overwrite:me]"),
        new Case(
            "{{ mergeOverwrite " + docDst + " " + docSrc + " }}",
            "map[default:default key:false overwrite:overwritten]"),
        new Case(
            "{{ merge (dict \"a\" 1 \"b\" \"\") (dict \"b\" 2 \"c\" 3) }} {{ mustMerge nil "
                + "(dict \"a\" 1) }}",
            "map[a:1 b:2 c:3] map[a:1]"),
        new Case(
            "{{ merge dict (dict \"a\" 1) (dict \"a\" 2 \"b\" 3) }} {{ mergeOverwrite "
                + "(dict \"n\" 5) (dict \"n\" 0) }}",
            "map[a:1 b:3] map[n:0]"),
        new Case(
            "{{ merge (dict \"a\" (dict \"x\" 1)) (dict \"a\" (dict \"x\" 2 \"y\" 3)) }}",
            "map[a:map[x:1 y:3]]"),
        new Case(
            "{{ mustMergeOverwrite (dict \"a\" (dict \"x\" 1)) (dict \"a\" (dict \"x\" 2 "
                + "\"y\" 3)) }}",
            "map[a:map[x:2 y:3]]"),
        new Case(
            "{{ merge dict (dict \"a\" nil) }} {{ mergeOverwrite (dict \"a\" 1) (dict "
                + "\"a\" nil) }}",
            "map[] map[a:<nil>]"),
        new Case(
            "{{ mergeOverwrite (dict \"l\" (list 1 2)) (dict \"l\" list) }} {{ merge (dict "
                + "\"l\" list) (dict \"l\" (list 1)) }} {{ merge (dict \"l\" (list 2)) (dict \"l\" "
                + "(list 1)) }}",
            "map[l:[]] map[l:[1]] map[l:[2]]"),
        new Case(
            "{{ mergeOverwrite (dict \"a\" \"x\") (dict \"a\" (dict \"b\" 1)) }} {{ merge "
                + "(dict \"a\" \"\") (dict \"a\" (dict \"b\" 1)) }}",
            "map[a:x] map[a:map[b:1]]"),
        new Case(
            "{{ mergeOverwrite (dict \"a\" (dict \"b\" 1)) (dict \"a\" \"x\") }} {{ merge "
                + "(dict \"a\" (dict \"b\" 1)) (dict \"a\" \"x\") }}",
            "map[a:x] map[a:map[b:1]]"),
        new Case(
            "{{ $d := dict \"a\" 1 }}{{ $_ := merge $d (dict \"b\" 2) }}{{ $d }}", "map[a:1 b:2]"),
        new Case(
            "{{ $a := dict \"x\" (dict \"y\" 1) }}{{ $b := deepCopy $a }}{{ $_ := set $b.x "
                + "\"y\" 2 }}{{ $a }} {{ $b }}",
            "map[x:map[y:1]] map[x:map[y:2]]"),
        new Case(
            "{{ deepCopy nil }} {{ mustDeepCopy \"s\" }} {{ deepCopy (list 1 (dict)) }}",
            "<no value> s [1 map[]]"));
  }

  static Stream<Case> errors() {
    return Stream.of(
        new Case("{{ set nil \"a\" 1 }}", "error calling set: assignment to entry in nil map"),
        new Case(
            "{{ get \"x\" \"a\" }}", "can't handle \"x\" for arg of type map[string]interface {}"),
        new Case(
            "{{ get .f \"a\" }}",
            "wrong type for value; expected map[string]interface {}; got float64"),
        new Case(
            "{{ keys (list) }}",
            "wrong type for value; expected map[string]interface {}; got []interface {}"),
        new Case("{{ dig \"a\" dict }}", "error calling dig: dig needs at least three arguments"),
        new Case(
            "{{ dig \"a\" \"d\" \"x\" }}",
            "error calling dig: interface conversion: interface {} is string, not "
                + "map[string]interface {}"),
        new Case(
            "{{ dig \"a\" \"d\" nil }}",
            "error calling dig: interface conversion: interface {} is nil, not "
                + "map[string]interface {}"),
        new Case(
            "{{ dig 1 \"d\" dict }}",
            "error calling dig: interface conversion: interface {} is int, not string"),
        new Case(
            "{{ dig \"s\" \"x\" \"d\" .dig }}",
            "error calling dig: interface conversion: interface {} is string, not "
                + "map[string]interface {}"));
  }
}
