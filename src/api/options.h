/* options.h - the layout behind the opaque lede_options, and the table of
 * named options that lede_options_set and lede_options_describe share. */
#ifndef LEDE_API_OPTIONS_H
#define LEDE_API_OPTIONS_H

#include <stdint.h>

#include "../select/select.h"
#include "lede.h"

#define LEDE_LANGUAGE_MAX 63

/* Ranking methods. */
enum lede_method {
    LEDE_METHOD_TEXTRANK, /* weighted PageRank on the cosine graph */
    LEDE_METHOD_LEXRANK,  /* PageRank on the graph of edges above a threshold */
    LEDE_METHOD_DEGREE,   /* the number of neighbours above a threshold */
    LEDE_METHOD_CENTROID, /* the sum of similarities (weighted degree) */
    LEDE_METHOD_POSITION, /* position-aware directed centrality (PacSum-like) */
    LEDE_METHOD_LEAD,     /* the first sentences: a baseline */
    LEDE_METHOD_RANDOM,   /* random scores from `seed`: a baseline */
    LEDE_METHOD_COUNT
};

struct lede_options {
    unsigned input_flags;
    char language[LEDE_LANGUAGE_MAX + 1];
    lede_budget budget;
    enum lede_method method;
    double damping;
    double redundancy;
    double background_idf;
    double idf_power;          /* idf ^ p: 1 TF-IDF, 0 term frequency only */
    uint64_t seed;
    double threshold;          /* lexrank, degree: cosine threshold */
    double position_beta;      /* position: similarity cut within the range */
    double position_backward;  /* position: weight of edges to earlier sentences */
    double position_forward;   /* position: weight of edges to later sentences */
    double position_prior;     /* any method: exp(-p * i / n) */
    double lead_boost;         /* any method: 1 + b * exp(-i / span) ... */
    double lead_span;
    double lead_share;         /* ... fading to none as the summary grows to this share */
    double length_prior;       /* any method: exp(-l * ln(words / target)^2) */
    double title_weight;       /* any method: 1 + t * similarity to the title */
    double length_target;
    double mmr;                /* < 1: select by maximal marginal relevance */
};

/* Fills `o` with the documented defaults. */
void lede_options_init(lede_options *o);

/* The name of a method ("textrank", ...). */
const char *lede_options_method_name(enum lede_method m);

#endif
