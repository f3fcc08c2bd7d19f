/* fuzz_summarize.c - libFuzzer target: the first byte chooses the options
 * (input flags, method, length budget, language), the rest is the text.
 * Whatever the bytes, lede_summarize and lede_split must return a status,
 * and a summary must be well-formed: spans inside the input, in order,
 * texts NUL-terminated, the budget kept. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_summary(const lede_summary *sum, size_t len, size_t max_picked)
{
    size_t total = lede_summary_total(sum), prev_end = 0;
    for (size_t i = 0; i < total; i++) {
        const lede_sentence *u = lede_summary_unit(sum, i);
        if (!u || u->start > u->end || u->end > len || u->start < prev_end ||
            strlen(u->text) != u->text_len)
            abort();
        prev_end = u->end;
    }
    if (lede_summary_count(sum) > max_picked)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const char *const languages[] = {"en", "de", "fr", "ru", "zh", "und", "ja", "ar"};
    uint8_t choice = data[0];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    lede_options *opts = lede_options_new();
    if (!opts)
        return 0;
    lede_options_set_input_flags(opts, (choice & 1) ? LEDE_INPUT_REPLACE_INVALID : 0);
    lede_options_set_language(opts, languages[(choice >> 1) & 7]);
    size_t max_picked = (size_t)-1;
    switch ((choice >> 4) & 3) {
    case 0:
        lede_options_set_sentences(opts, 3);
        max_picked = 3;
        break;
    case 1:
        lede_options_set_words(opts, 30);
        break;
    case 2:
        lede_options_set_ratio(opts, 0.3);
        break;
    default:
        lede_options_set_chars(opts, 200);
        break;
    }
    const char *method = lede_method_name((choice >> 6) & 3);
    if (method)
        lede_options_set_method(opts, method);
    lede_summary *sum = NULL;
    lede_error *err = NULL;
    if (lede_summarize(text, len, opts, &sum, &err) == LEDE_OK)
        check_summary(sum, len, max_picked);
    lede_summary_free(sum);
    lede_error_free(err);
    if (lede_split(text, len, opts, &sum, NULL) == LEDE_OK)
        check_summary(sum, len, 0);
    lede_summary_free(sum);
    lede_options_free(opts);
    return 0;
}
