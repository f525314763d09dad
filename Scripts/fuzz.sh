#!/usr/bin/env bash
# Builds the libFuzzer harnesses in Fuzz/ (swiftc -sanitize=fuzzer,address) into .build-fuzz/ and runs
# each for a bounded time, seeded from Corpora/. Usage: Scripts/fuzz.sh [SECONDS_EACH] (default 30).
# Prints executions per second per harness; exits 1 when a harness finds a crash (the input is kept in
# .build-fuzz/findings/NAME/ and must become a regression test).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
out=.build-fuzz
rm -rf "$out/modules"; mkdir -p "$out/modules"
flags=(-sanitize=fuzzer,address -parse-as-library -O -g)
core=$(find Sources/MalmoiCore -name '*.swift' | sort)

# MalmoiCore once as a module (for harnesses in other modules), instrumented for coverage.
swiftc "${flags[@]}" -wmo -emit-library -static -module-name MalmoiCore -emit-module \
    -emit-module-path "$out/modules/MalmoiCore.swiftmodule" -o "$out/modules/libMalmoiCore.a" $core 2>"$out/build.log" \
    || { cat "$out/build.log"; exit 1; }

build_core_harness() {   # NAME HARNESS: harness compiled into the MalmoiCore module itself
    swiftc "${flags[@]}" -module-name MalmoiCore "Fuzz/$2" $core -o "$out/$1" 2>>"$out/build.log" \
        || { cat "$out/build.log"; exit 1; }
}
build_morph_harness() {  # NAME HARNESS: harness compiled into the MalmoiMorph module
    swiftc "${flags[@]}" -module-name MalmoiMorph -I "$out/modules" -L "$out/modules" -lMalmoiCore \
        "Fuzz/$2" $(find Sources/MalmoiMorph -name '*.swift' | sort) -o "$out/$1" 2>>"$out/build.log" \
        || { cat "$out/build.log"; exit 1; }
}

build_label_harness() {  # NAME HARNESS: harness compiled into the MalmoiLabel module
    swiftc "${flags[@]}" -module-name MalmoiLabel -I "$out/modules" -L "$out/modules" -lMalmoiCore \
        "Fuzz/$2" $(find Sources/MalmoiLabel -name '*.swift' | sort) -o "$out/$1" 2>>"$out/build.log" \
        || { cat "$out/build.log"; exit 1; }
}

build_morphtask_harness() {  # NAME HARNESS: harness compiled into the MalmoiMorphTask module (MalmoiMorph as a module)
    if [ ! -f "$out/modules/libMalmoiMorph.a" ]; then
        swiftc "${flags[@]}" -wmo -emit-library -static -module-name MalmoiMorph -emit-module \
            -emit-module-path "$out/modules/MalmoiMorph.swiftmodule" -I "$out/modules" -o "$out/modules/libMalmoiMorph.a" \
            $(find Sources/MalmoiMorph -name '*.swift' | sort) 2>>"$out/build.log" || { cat "$out/build.log"; exit 1; }
    fi
    swiftc "${flags[@]}" -module-name MalmoiMorphTask -I "$out/modules" -L "$out/modules" -lMalmoiMorph -lMalmoiCore \
        "Fuzz/$2" $(find Sources/MalmoiMorphTask -name '*.swift' | sort) -o "$out/$1" 2>>"$out/build.log" \
        || { cat "$out/build.log"; exit 1; }
}

build_lib() {  # MODULE DEP…: Sources/MODULE as a static library and module in $out/modules (once)
    local module=$1; shift
    [ -f "$out/modules/lib$module.a" ] && return 0
    swiftc "${flags[@]}" -wmo -emit-library -static -module-name "$module" -emit-module \
        -emit-module-path "$out/modules/$module.swiftmodule" -I "$out/modules" -I "$out/cicu" -o "$out/modules/lib$module.a" \
        $(find "Sources/$module" -name '*.swift' | sort) 2>>"$out/build.log" || { cat "$out/build.log"; exit 1; }
}
build_cicu() {  # the C++ ICU shim, instrumented, with a module map like the one SwiftPM writes
    mkdir -p "$out/cicu"
    printf 'module CICU {\n    header "%s"\n    export *\n}\n' "$PWD/Sources/CICU/include/CICU.h" > "$out/cicu/module.modulemap"
    clang++ -O1 -g -fsanitize=fuzzer-no-link,address -ISources/CICU/include -c Sources/CICU/shim.cpp -o "$out/cicu/shim.o" \
        2>>"$out/build.log" || { cat "$out/build.log"; exit 1; }
    ar rcs "$out/modules/libCICU.a" "$out/cicu/shim.o"
}
build_import_harness() {  # NAME HARNESS LIB…: a harness in its own module, importing the libraries it names
    local name=$1 harness=$2; shift 2
    local libs=()
    for lib in "$@"; do libs+=("-l$lib"); done
    swiftc "${flags[@]}" -module-name "Fuzz_$name" -I "$out/modules" -I "$out/cicu" -L "$out/modules" "Fuzz/$harness" \
        "${libs[@]}" -licui18n -licuuc -licudata -lstdc++ -o "$out/$name" 2>>"$out/build.log" \
        || { cat "$out/build.log"; exit 1; }
}

build_core_harness json JSONParserFuzz.swift
build_core_harness jsonl JSONLRecordFuzz.swift
build_core_harness csv CSVTableFuzz.swift
build_morph_harness dicrc DictionaryHeaderFuzz.swift
build_label_harness label LabelAnswerFuzz.swift
build_morphtask_harness morphanswer MorphAnswerFuzz.swift
# The text-based modules need the ICU shim and MalmoiText (libraries listed dependents first for the linker).
rm -f "$out/modules/libCICU.a" "$out/modules/libMalmoiText.a" "$out/modules/libMalmoiQA.a" \
    "$out/modules/libMalmoiSummary.a" "$out/modules/libMalmoiAbuse.a"
build_cicu
build_lib MalmoiText
build_lib MalmoiQA
build_lib MalmoiSummary
build_lib MalmoiAbuse
text_libs=(MalmoiText CICU MalmoiMorph MalmoiCore)
build_import_harness korquad KorQuADReaderFuzz.swift MalmoiQA "${text_libs[@]}"
build_import_harness qaanswer QAAnswerFuzz.swift MalmoiQA "${text_libs[@]}"
build_import_harness summaryanswer SummaryAnswerFuzz.swift MalmoiSummary "${text_libs[@]}"
build_import_harness abuseanswer AbuseAnswerFuzz.swift MalmoiAbuse "${text_libs[@]}"
build_import_harness canonical CanonicalizerFuzz.swift MalmoiAbuse "${text_libs[@]}"

seed() {  # NAME FILE…: copy seeds into the harness's corpus folder
    local name=$1; shift
    mkdir -p "$out/corpus/$name"
    for file in "$@"; do [ -f "$file" ] && cp "$file" "$out/corpus/$name/$(basename "$file")"; done
    return 0
}
seed json Corpora/qa/*.json $(find Corpora -name '*.jsonl' | head -20)
seed jsonl $(find Corpora -name '*.jsonl')
seed csv $(find Corpora -name '*.csv')
dict="${MALMOI_DICT:-${XDG_DATA_HOME:-$HOME/.local/share}/malmoi/mecab-ko-dic}"
seed dicrc "$dict/dicrc"
mkdir -p "$out/corpus/label"
printf '1' > "$out/corpus/label/number"; printf '긍정,부정' > "$out/corpus/label/names"
printf '{"labels":["중립"]}' > "$out/corpus/label/json"
mkdir -p "$out/corpus/morphanswer"
printf '아버지/NNG 가/JKS 방/NNG 에/JKB 들어가/VV 시/EP ㄴ다/EF' > "$out/corpus/morphanswer/typed"
printf 'ok' > "$out/corpus/morphanswer/ok"
printf '{"morphemes":[{"form":"아버지","tag":"NNG"}]}' > "$out/corpus/morphanswer/json"
seed korquad Corpora/qa/*.json
mkdir -p "$out/corpus/korquad" "$out/corpus/qaanswer" "$out/corpus/summaryanswer" "$out/corpus/abuseanswer" "$out/corpus/canonical"
printf '세종은 언제 태어났나? | 1397년' > "$out/corpus/qaanswer/write"
printf '세종은 #2' > "$out/corpus/qaanswer/occurrence"
printf '{"question":"세종은 무엇을 만들었나?","answers":[{"text":"한글","answer_start":27}]}' > "$out/corpus/qaanswer/json"
printf '1, 3' > "$out/corpus/summaryanswer/numbers"
printf '서울 버스 요금이 300원 오른다.\n.' > "$out/corpus/summaryanswer/typed"
printf '{"sentences":[0,2],"summary":"요금 인상"}' > "$out/corpus/summaryanswer/json"
printf 'profanity,insult | 2 | individual_addressee | 0-2=씨발/choseong_abbreviation+spacing' > "$out/corpus/abuseanswer/typed"
printf 'identity_hate | 2 | group:elderly | 6-8=틀딱/partial_jamo' > "$out/corpus/abuseanswer/group"
printf 'identity_hate | 2 | :' > "$out/corpus/abuseanswer/found-empty-target"   # a past finding (AbuseAnswerFuzzFindingsTests)
printf '{"categories":["profanity"],"directed":false,"severity":1,"target_type":"none","spans":[{"start":0,"end":2,"canonical":"씨발","techniques":["choseong_abbreviation"]}]}' > "$out/corpus/abuseanswer/json"
# The canonicalizer is seeded with the message texts of the abuse corpus, one file per message.
n=0
while IFS= read -r line; do
    text=$(printf '%s' "$line" | sed -n 's/.*"text": *"\([^"]*\)".*/\1/p')
    [ -n "$text" ] && printf '%s' "$text" > "$out/corpus/canonical/m$n" && n=$((n + 1))
done < <(cat Corpora/abuse/*.jsonl)
printf 'ㅅ.ㅂ 시1발 ㅆㅣ발 tlqkf 틀.딱 느금마 🖕' > "$out/corpus/canonical/handwritten"
printf 'cost-factor = 800\nbos-feature = BOS/EOS,*,*,*,*,*,*,*\nleft-space-penalty-factor = 100,SF,1000\n' > "$out/corpus/dicrc/handwritten"

status=0
for name in json jsonl csv dicrc label morphanswer korquad qaanswer summaryanswer abuseanswer canonical; do
    mkdir -p "$out/findings/$name"
    log="$out/$name.log"
    if "$out/$name" "$out/corpus/$name" -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$out/findings/$name/" >"$log" 2>&1; then
        result=ok
    else
        result="CRASH (see $log and $out/findings/$name/)"
        status=1
    fi
    execs=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    echo "fuzz $name: $result, $runs executions, $execs exec/s in ${seconds} s"
done
exit $status
