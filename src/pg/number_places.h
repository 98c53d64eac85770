/*
 * Places for numbers that DDL makes (number_places.c): tables and columns
 * of types that carry them, and indexes, statistics, constraints and
 * generated columns that compute on them.
 */
#ifndef HOKENID_NUMBER_PLACES_H
#define HOKENID_NUMBER_PLACES_H

#include "postgres.h"

#include "nodes/nodes.h"

/* An object the running statement made or altered (from the object access hook). */
extern void number_places_note(Oid class_id, Oid object_id, int sub_id);

/*
 * The name of a place for numbers among the objects noted since the last
 * call, or NULL; gives types made statistics without values.
 */
extern char *number_places_made(void);

/*
 * The name of the table or domain whose stored numbers a DDL statement
 * will compute on as it runs (judged before it runs), or NULL.
 */
extern const char *number_places_computed(Node *statement);

/* Forgets what was noted (the transaction ended). */
extern void number_places_forget(void);

#endif
