/* options.h - the layout behind the opaque lede_options. */
#ifndef LEDE_API_OPTIONS_H
#define LEDE_API_OPTIONS_H

#include "../select/select.h"
#include "lede.h"

#define LEDE_LANGUAGE_MAX 63

struct lede_options {
    unsigned input_flags;
    char language[LEDE_LANGUAGE_MAX + 1];
    lede_budget budget;
    double damping;
    double redundancy;
    double background_idf;
};

/* Fills `o` with the documented defaults. */
void lede_options_init(lede_options *o);

#endif
