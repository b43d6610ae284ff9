package io.helmsync.template.sprig;

import io.helmsync.template.Functions;
import io.helmsync.template.golib.GoFunction;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Sprig's list family as Helm runs it: outputs from Sprig's list.go and docs (lists.md), errors as
 * Sprig's messages and Go's panics, for the plain and the must variants alike. A nil result prints
 * as {@code <no value>} because text/template digs into the interface{} it is returned in.
 */
class SprigListsTest extends FunctionCases {
  @Override
  Functions functions() {
    return SprigLists.functions().with("dict", emptyDict());
  }

  @Override
  Object data() {
    return DATA;
  }

  private static final Map<String, Object> DATA =
      Map.of("l", List.of(1L, 2L, 3L), "f", 3.0, "s", "héllo");

  static Stream<Case> outputs() {
    return Stream.of(
        new Case(
            "{{ list 1 \"a\" nil 2.5 }} {{ tuple }} {{ tuple 1 2 }}", "[1 a <nil> 2.5] [] [1 2]"),
        new Case("{{ first .l }} {{ mustFirst .l }} {{ first list }}", "1 1 <no value>"),
        new Case("{{ last .l }} {{ mustLast .l }} {{ last list }}", "3 3 <no value>"),
        new Case("{{ rest .l }} {{ mustRest (list 1) }} {{ rest list }}", "[2 3] [] []"),
        new Case("{{ initial .l }} {{ mustInitial (list 1) }} {{ initial list }}", "[1 2] [] []"),
        new Case(
            "{{ push .l 4 }} {{ append .l nil }} {{ mustPush list 1 }} {{ mustAppend .l 0 }}",
            "[1 2 3 4] [1 2 3 <nil>] [1] [1 2 3 0]"),
        new Case("{{ prepend .l 0 }} {{ mustPrepend list 1 }} {{ .l }}", "[0 1 2 3] [1] [1 2 3]"),
        new Case(
            "{{ concat .l (list 4) list }} {{ concat }} {{ concat (list (list 1)) }}",
            "[1 2 3 4] [] [[1]]"),
        new Case(
            "{{ reverse .l }} {{ mustReverse list }} {{ reverse (list 1) }}", "[3 2 1] [] [1]"),
        new Case("{{ compact (list 0 \"\" nil false list dict 0.0 1 \"a\" true) }}", "[1 a true]"),
        new Case("{{ mustCompact list }} {{ compact (list \" \") }}", "[] [ ]"),
        new Case(
            "{{ uniq (list 1 1 \"1\" 2 1.0 2) }} {{ uniq (list (list 1) (list 1)) }}",
            "[1 1 2 1] [[1]]"),
        new Case("{{ mustUniq list }} {{ uniq (list nil nil) }}", "[] [<nil>]"),
        new Case(
            "{{ without (list 1 2 3 2) 2 }} {{ without .l 1 3 }} {{ mustWithout .l }}",
            "[1 3] [2] [1 2 3]"),
        new Case("{{ without (list 1 \"1\") \"1\" }} {{ without (list nil 1) nil }}", "[1] [1]"),
        new Case(
            "{{ has 2 .l }} {{ has \"2\" .l }} {{ has 1 nil }} {{ has 1.0 .l }} {{ mustHas "
                + "3 .l }}",
            "true false false false true"),
        new Case("{{ has (list 1) (list (list 1)) }} {{ has nil (list nil) }}", "true true"),
        new Case(
            "{{ slice .l 1 3 }} {{ slice .l 1 }} {{ slice .l }} {{ slice .l \"2\" }} {{ "
                + "slice list }}",
            "[2 3] [2 3] [1 2 3] [3] <no value>"),
        new Case("{{ mustSlice .l 0 0 }}", "[]"),
        new Case(
            "{{ chunk 2 (list 1 2 3 4 5) }} {{ chunk 2 (list 1 2 3 4) }} {{ chunk 3 list }}",
            "[[1 2] [3 4] [5]] [[1 2] [3 4]] []"),
        new Case(
            "{{ chunk 3 (list 1 2 3 4 5 6 7 8) }} {{ mustChunk 5 .l }} {{ chunk -5 .l }}",
            "[[1 2 3] [4 5 6] [7 8]] [[1 2 3]] []"));
  }

  static Stream<Case> errors() {
    String nil = "runtime error: invalid memory address or nil pointer dereference";
    return Stream.of(
        new Case("{{ first \"abc\" }}", "error calling first: Cannot find first on type string"),
        new Case("{{ mustFirst 1 }}", "error calling mustFirst: Cannot find first on type int"),
        new Case("{{ first nil }}", "error calling first: " + nil),
        new Case("{{ last .missing }}", "error calling last: " + nil),
        new Case("{{ rest dict }}", "error calling rest: Cannot find rest on type map"),
        new Case(
            "{{ mustInitial 1.5 }}",
            "error calling mustInitial: Cannot find initial on type float64"),
        new Case("{{ push \"x\" 1 }}", "error calling push: Cannot push on type string"),
        new Case("{{ mustAppend true 1 }}", "error calling mustAppend: Cannot push on type bool"),
        new Case("{{ prepend nil 1 }}", "error calling prepend: " + nil),
        new Case(
            "{{ mustPrepend dict 1 }}", "error calling mustPrepend: Cannot prepend on type map"),
        new Case("{{ concat (list 1) 2 }}", "error calling concat: Cannot concat type int as list"),
        new Case("{{ concat nil }}", "error calling concat: " + nil),
        new Case(
            "{{ reverse \"ab\" }}", "error calling reverse: Cannot find reverse on type string"),
        new Case("{{ compact 0 }}", "error calling compact: Cannot compact on type int"),
        new Case("{{ mustUniq dict }}", "error calling mustUniq: Cannot find uniq on type map"),
        new Case(
            "{{ without \"a\" \"a\" }}",
            "error calling without: Cannot find without on type string"),
        new Case("{{ has 1 \"abc\" }}", "error calling has: Cannot find has on type string"),
        new Case(
            "{{ slice 5 }}", "error calling slice: list should be type of slice or array but int"),
        new Case(
            "{{ slice \"hello\" 1 3 }}",
            "error calling slice: list should be type of slice or array but string"),
        new Case(
            "{{ slice .l 1 5 }}",
            "error calling slice: reflect.Value.Slice: slice index out of bounds"),
        new Case(
            "{{ slice .l 2 1 }}",
            "error calling slice: reflect.Value.Slice: slice index out of bounds"),
        new Case("{{ slice nil }}", "error calling slice: " + nil),
        new Case(
            "{{ chunk 0 .l }}", "error calling chunk: runtime error: makeslice: len out of range"),
        new Case("{{ chunk 2 \"x\" }}", "error calling chunk: Cannot chunk type string"),
        new Case("{{ chunk .f .l }}", "wrong type for value; expected int; got float64"));
  }

  /** A map to pass where the cases need one, without depending on the dict family. */
  private static GoFunction emptyDict() {
    return GoFunction.of(a -> new java.util.LinkedHashMap<String, Object>());
  }
}
