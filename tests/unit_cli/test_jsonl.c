/* test_jsonl.c - the batch's JSON Lines reader and writer, checked against
 * jansson: every line jansson accepts as an object must parse, every line
 * it rejects must fail, strings must decode alike, and the writer must
 * produce jansson's bytes. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/jsonl.h"
#include "harness.h"

static void check_same_verdict(const char *line)
{
    json_error_t jerr;
    json_t *j = json_loadb(line, strlen(line), 0, &jerr);
    int jansson_ok = j && json_is_object(j);
    jsonl_object obj = {0};
    size_t column = 0;
    const char *message = NULL;
    int rc = jsonl_parse_object(line, strlen(line), &obj, &column, &message);
    CHECK_MSG((rc == 0) == jansson_ok, "'%s': jsonl %d, jansson %s", line, rc,
              jansson_ok ? "ok" : jerr.text);
    if (rc == -1)
        CHECK_MSG(message && column >= 1 && column <= strlen(line) + 1, "'%s': column %zu",
                  line, column);
    if (rc == 0 && j)
        CHECK_EQ(obj.count, json_object_size(j));
    jsonl_object_free(&obj);
    json_decref(j);
}

static void test_verdicts(void)
{
    static const char *const lines[] = {
        "{}", " { } ", "{\"a\":1}", "{\"a\": [1, 2.5e-3, -0, true, false, null]}",
        "{\"a\": {\"b\": {\"c\": \"\\u00e9\\ud83d\\ude00\"}}}", "{\"t\":\"line\\nbreak\\t\\\"q\\\"\"}",
        "{\"a\":1,\"b\":2}", "{\"caf\xC3\xA9\": \"\xE2\x82\xAC\"}",
        /* rejected */
        "", "[]", "1", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":1 \"b\":2}",
        "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":tru}",
        "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}",
        "{\"a\":\"tab\there\"}", "{\"a\":\"bad \xFF byte\"}", "{\"a\":1} x", "{\"a\":[1,2}",
        "{'a':1}", "{a:1}", "{\"a\":\"unterminated}",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        check_same_verdict(lines[i]);
}

/* The eight-bytes-at-a-time scan must stop at every special byte wherever
 * it falls in a word. */
static void test_specials_at_every_offset(void)
{
    static const char *const specials[] = {"\x01", "\x1f", "\"", "\\n", "\xC3\xA9", "\xFF",
                                           "\x7f", " ",    "\\",  "\x80"};
    for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++) {
        for (size_t at = 0; at < 40; at++) {
            for (int tail = 0; tail < 20; tail += 19) {
                char line[128];
                int n = snprintf(line, sizeof line, "{\"t\":\"%.*s%s%.*s\"}", (int)at,
                                 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", specials[k], tail,
                                 "bbbbbbbbbbbbbbbbbbbb");
                CHECK(n > 0);
                check_same_verdict(line);
            }
        }
    }
}

static void test_members_and_decoding(void)
{
    const char *line = " {\"id\": 7, \"te\\u0078t\": \"Caf\\u00e9 \\ud83d\\ude00\\n\\/\", "
                       "\"tags\" : [1, {\"x\": null}] } ";
    jsonl_object obj = {0};
    size_t column;
    const char *message;
    CHECK_EQ(jsonl_parse_object(line, strlen(line), &obj, &column, &message), 0);
    CHECK_EQ(obj.count, 3);
    CHECK(jsonl_key_is(&obj.members[0], "id"));
    CHECK(jsonl_key_is(&obj.members[1], "text"));
    CHECK(!jsonl_key_is(&obj.members[2], "text"));
    CHECK_EQ(obj.members[0].value_len, 1);
    CHECK(strncmp(obj.members[2].value, "[1, {\"x\": null}]", obj.members[2].value_len) == 0);
    jsonl_buf text = {0};
    CHECK_EQ(jsonl_decode_string(&obj.members[1], &text), 0);
    CHECK_STR(text.data, "Caf\xC3\xA9 \xF0\x9F\x98\x80\n/");
    CHECK_EQ(jsonl_decode_string(&obj.members[0], &text), 1);
    jsonl_buf_free(&text);
    jsonl_object_free(&obj);
}

/* A failure is reported where it lies: not past the white space after it,
 * and at the backslash of a bad escape. */
static void test_error_columns(void)
{
    static const struct {
        const char *line;
        size_t column;
        const char *message;
    } cases[] = {
        {"{\"text\":\"Rain\t   fell.\"}", 14, "control character in a string"},
        {"{\"text\":\"Rain \\ud800 fell.\"}", 15,
         "invalid Unicode: high surrogate without a low one"},
        {"{\"text\":\"Rain \\ud800\\u0041\"}", 15,
         "invalid Unicode: high surrogate without a low one"},
        {"{\"text\":\"Rain \\udc00 fell.\"}", 15, "invalid Unicode: lone low surrogate"},
        {"{\"text\":\"Rain \\u12 fell.\"}", 15, "invalid \\u escape"},
        {"{\"text\":\"Rain \\x fell.\"}", 15, "invalid escape"},
        {"{\"a\":1 ,  }", 11, "string or '}' expected"},
        {"{\"a\":tru  }", 6, "invalid token"},
        {"{\"a\":1}   x", 11, "end of line expected after the object"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        jsonl_object obj = {0};
        size_t column = 0;
        const char *message = NULL;
        const char *line = cases[i].line;
        CHECK_EQ(jsonl_parse_object(line, strlen(line), &obj, &column, &message), -1);
        CHECK_MSG(column == cases[i].column, "'%s': column %zu, want %zu", line, column,
                  cases[i].column);
        CHECK_STR(message, cases[i].message);
        jsonl_object_free(&obj);
    }
}

/* With JSONL_INVALID_UTF8, bytes that are not UTF-8 pass inside strings,
 * kept as they are, and each top-level member says whether it has any
 * (in its key, or anywhere in its value); elsewhere they are still errors,
 * as are control characters. */
static void test_invalid_utf8_accepted(void)
{
    const char *line =
        "{\"a\":1,\"k\xC0\":2,\"n\":[{\"x\":\"\xED\xA0\x80\"},3],\"ok\":\"\xC3\xA9\","
        "\"text\":\"Rain f\342\202ell.\"}";
    jsonl_object obj = {0};
    size_t column = 0;
    const char *message = NULL;
    CHECK_EQ(jsonl_parse_object(line, strlen(line), &obj, &column, &message), -1);
    CHECK_STR(message, "invalid UTF-8 in a string");
    CHECK_EQ(
        jsonl_parse_object_flags(line, strlen(line), JSONL_INVALID_UTF8, &obj, &column, &message),
        0);
    CHECK_EQ(obj.count, 5);
    static const int invalid[] = {0, 1, 1, 0, 1};
    for (size_t i = 0; i < obj.count && i < 5; i++)
        CHECK_MSG(obj.members[i].invalid_utf8 == invalid[i], "member %zu: invalid_utf8 %d", i,
                  obj.members[i].invalid_utf8);
    jsonl_buf text = {0};
    CHECK_EQ(jsonl_decode_string(&obj.members[4], &text), 0);
    CHECK_STR(text.data, "Rain f\342\202ell.");
    jsonl_buf_free(&text);
    static const char *const still_bad[] = {"{\"a\":\xFF}", "{\xFF\"a\":1}",
                                            "{\"a\":\"\xFF\x01\"}"};
    for (size_t i = 0; i < sizeof still_bad / sizeof still_bad[0]; i++)
        CHECK_EQ(jsonl_parse_object_flags(still_bad[i], strlen(still_bad[i]), JSONL_INVALID_UTF8,
                                          &obj, &column, &message),
                 -1);
    jsonl_object_free(&obj);
}

/* Each byte that is not part of a UTF-8 character becomes U+FFFD, as
 * LEDE_INPUT_REPLACE_INVALID reads it; valid characters stay. */
static void test_replacing_invalid(void)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"plain", "plain"},
        {"caf\xC3\xA9 \xF0\x9F\x98\x80", "caf\xC3\xA9 \xF0\x9F\x98\x80"},
        {"a\377b", "a\357\277\275b"},
        {"f\342\202ell", "f\357\277\275\357\277\275ell"},
        {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"\300\257x\200", "\357\277\275\357\277\275x\357\277\275"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        jsonl_buf got = {0};
        CHECK_EQ(jsonl_put_replacing_invalid(&got, cases[i].in, strlen(cases[i].in)), 0);
        CHECK_STR(got.data ? got.data : "", cases[i].out);
        jsonl_buf_free(&got);
    }
}

static void test_depth_limit(void)
{
    size_t depth = 100000;
    char *line = malloc(2 * depth + 16);
    size_t n = 0;
    line[n++] = '{';
    strcpy(line + n, "\"a\":");
    n += 4;
    for (size_t i = 0; i < depth; i++)
        line[n++] = '[';
    for (size_t i = 0; i < depth; i++)
        line[n++] = ']';
    line[n++] = '}';
    jsonl_object obj = {0};
    size_t column;
    const char *message;
    CHECK_EQ(jsonl_parse_object(line, n, &obj, &column, &message), -1);
    CHECK_STR(message, "nesting too deep");
    jsonl_object_free(&obj);
    free(line);
}

static void test_writer_matches_jansson(void)
{
    static const char *const strings[] = {
        "", "plain", "quote \" and backslash \\", "controls \x01\x1f\b\f\n\r\t end",
        "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80", "slash / and \x7f",
    };
    /* Each byte that needs an escape, and a non-ASCII one, at every offset
     * of a string longer than a block of the fast path. */
    static const char *const specials[] = {"\"", "\\", "\x01", "\n", "\x1f", "\xC3\xA9", "\x7f"};
    for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++) {
        for (int at = 0; at < 40; at++) {
            char s[80];
            snprintf(s, sizeof s, "%.*s%s%s", at, "abcdefghijklmnopqrstuvwxyzabcdefghijklmn",
                     specials[k], "tail of the string");
            json_t *js = json_string(s);
            char *want = json_dumps(js, JSON_ENCODE_ANY);
            jsonl_buf got = {0};
            CHECK_EQ(jsonl_put_string(&got, s, strlen(s)), 0);
            CHECK_MSG(want && got.data && strcmp(got.data, want) == 0, "%s at %d: %s, want %s",
                      specials[k], at, got.data, want);
            free(want);
            json_decref(js);
            jsonl_buf_free(&got);
        }
    }
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
        json_t *js = json_string(strings[i]);
        char *want = json_dumps(js, JSON_ENCODE_ANY);
        jsonl_buf got = {0};
        CHECK_EQ(jsonl_put_string(&got, strings[i], strlen(strings[i])), 0);
        CHECK_STR(got.data, want);
        free(want);
        json_decref(js);
        jsonl_buf_free(&got);
    }
    /* Sentences, with scores of every magnitude, as jansson writes them. */
    double scores[] = {0, 1, 0.5, 1.0 / 3, 1e-12, 123456789.0, 0.1, 2.5e20};
    for (size_t i = 0; i < sizeof scores / sizeof scores[0]; i++) {
        lede_sentence s = {3, 17, 1, 0, scores[i], 2, "A \"quoted\" sentence.", 20, 0, 1};
        json_t *o = json_pack("{s:I,s:I,s:I,s:I,s:f,s:I,s:s}", "index", (json_int_t)1,
                              "paragraph", (json_int_t)0, "start", (json_int_t)3, "end",
                              (json_int_t)17, "score", scores[i], "rank", (json_int_t)2, "text",
                              s.text);
        char *want = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(9));
        jsonl_buf got = {0};
        CHECK_EQ(jsonl_put_sentence(&got, &s), 0);
        CHECK_STR(got.data, want);
        free(want);
        /* With its line in a page, as lede summarize writes it for HTML. */
        json_object_set_new(o, "source_line", json_integer(27));
        want = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(9));
        got.len = 0;
        CHECK_EQ(jsonl_put_sentence_at(&got, &s, 27), 0);
        CHECK_STR(got.data, want);
        free(want);
        json_decref(o);
        jsonl_buf_free(&got);
    }
}

int main(void)
{
    test_verdicts();
    test_specials_at_every_offset();
    test_members_and_decoding();
    test_error_columns();
    test_invalid_utf8_accepted();
    test_replacing_invalid();
    test_depth_limit();
    test_writer_matches_jansson();
    return harness_finish();
}
