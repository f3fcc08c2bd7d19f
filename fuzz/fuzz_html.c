/* fuzz_html.c - libFuzzer target: any bytes as a web page (first byte 0)
 * or an XML document (first byte 1); extraction must return a status and a
 * well-formed document, and summarizing its text must not fail badly. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    lede_document *doc = NULL;
    lede_error *err = NULL;
    lede_status st = (data[0] & 1)
                         ? lede_extract_xml((const char *)data + 1, size - 1, NULL, NULL, &doc,
                                            &err)
                         : lede_extract_html((const char *)data + 1, size - 1, NULL, &doc, &err);
    lede_error_free(err);
    if (st != LEDE_OK)
        return 0;
    size_t len;
    const char *text = lede_document_text(doc, &len);
    if (!text || strlen(text) != len)
        abort();
    lede_summary *sum = NULL;
    if (lede_summarize(text, len, NULL, &sum, NULL) == LEDE_OK) {
        for (size_t i = 0; i < lede_summary_count(sum); i++)
            if (lede_summary_sentence(sum, i)->end > len)
                abort();
    }
    lede_summary_free(sum);
    lede_document_free(doc);
    return 0;
}
