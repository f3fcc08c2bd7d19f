/* centrality.h - other ways to score sentences on the similarity graph:
 * degree centrality and position-aware directed centrality. */
#ifndef LEDE_RANK_CENTRALITY_H
#define LEDE_RANK_CENTRALITY_H

#include <stddef.h>

#include "../graph/similarity.h"

/* Degree centrality (LexRank's simplest form): the number of neighbours
 * more similar than `threshold`; `weighted`: the sum of their similarities
 * (with threshold 0, the similarity to the document's centroid). */
void lede_rank_degree(const lede_graph *g, double threshold, int weighted, double *scores);

/* Position-aware directed centrality, after Zheng and Lapata's PacSum
 * (ACL 2019), on TF-IDF cosine: edges below min + beta * (max - min) of the
 * document's similarities are dropped (the rest lowered by that amount);
 * a sentence scores `forward` times the weight of its edges to later
 * sentences plus `backward` times that of its edges to earlier ones. A
 * negative `backward` favours sentences that what follows refers back to,
 * as news leads are. */
void lede_rank_position_aware(const lede_graph *g, double beta, double backward, double forward,
                              double *scores);

#endif
