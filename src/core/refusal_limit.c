/*
 * The per-role limit of refusal records: see refusal_limit.h.  A refusal
 * costs a scan of the table's role names; a refusal is an error raised to
 * the client, which costs far more.
 */
#include "refusal_limit.h"

#include <string.h>

/* Copies value into a buffer of size bytes, cut at a UTF-8 character's start. */
static void
copy_bounded(char *buffer, size_t size, const char *value)
{
	size_t		length = 0;

	while (value && length < size && value[length])
		length++;
	if (length >= size)
	{
		length = size - 1;
		while (length > 0 && ((unsigned char) value[length] & 0xc0) == 0x80)
			length--;
	}
	memcpy(buffer, value ? value : "", length);
	buffer[length] = '\0';
}

void
refusal_table_init(RefusalTable *table)
{
	memset(table, 0, sizeof(*table));
}

static int
window_ended(const RefusalSlot *slot, int64_t now)
{
	/* a clock set back ends the window too, rather than stretch it */
	return now - slot->counted.window_start >= REFUSAL_WINDOW_USECS || now < slot->counted.window_start;
}

/* Ends the slot's window: its summary into due if it counted any. */
static void
end_window(RefusalSlot *slot, RefusalSummary *due)
{
	if (slot->counted.count > 0)
		*due = slot->counted;
	slot->counted.count = 0;
	slot->written = 0;
}

static void
start_window(RefusalSlot *slot, const char *role, int64_t now)
{
	copy_bounded(slot->counted.role, sizeof(slot->counted.role), role);
	slot->counted.count = 0;
	slot->counted.window_start = now;
	slot->written = 0;
}

/* The slot of role, one it may take over, or the overflow slot. */
static RefusalSlot *
slot_of(RefusalTable *table, const char *role, int64_t now, RefusalSummary *due)
{
	char		key[REFUSAL_NAME_SIZE];
	RefusalSlot *free_slot = NULL;
	RefusalSlot *ended = NULL;

	copy_bounded(key, sizeof(key), role);
	if (key[0] == '\0')
		return &table->overflow;
	for (int i = 0; i < REFUSAL_LIMIT_SLOTS; i++)
	{
		RefusalSlot *slot = &table->slots[i];

		if (strcmp(slot->counted.role, key) == 0)
			return slot;
		if (slot->counted.role[0] == '\0')
		{
			if (free_slot == NULL)
				free_slot = slot;
		}
		else if (ended == NULL && window_ended(slot, now))
			ended = slot;
	}
	if (free_slot == NULL && ended != NULL)
	{
		end_window(ended, due);
		free_slot = ended;
	}
	if (free_slot == NULL)
		return &table->overflow;
	start_window(free_slot, key, now);
	return free_slot;
}

int
refusal_admit(RefusalTable *table, const char *role, const char *database, const char *purpose,
			  const char *action, int64_t now, int64_t limit, RefusalSummary *due)
{
	RefusalSlot *slot;

	memset(due, 0, sizeof(*due));
	slot = slot_of(table, role, now, due);
	if (window_ended(slot, now))
	{
		end_window(slot, due);
		slot->counted.window_start = now;
	}
	if (slot->written < limit)
	{
		slot->written++;
		return 1;
	}
	slot->counted.count++;
	copy_bounded(slot->counted.database, sizeof(slot->counted.database), database);
	copy_bounded(slot->counted.purpose, sizeof(slot->counted.purpose), purpose);
	copy_bounded(slot->counted.action, sizeof(slot->counted.action), action);
	return 0;
}

int
refusal_take_due(RefusalTable *table, int64_t now, int all, RefusalSummary *due)
{
	memset(due, 0, sizeof(*due));
	for (int i = -1; i < REFUSAL_LIMIT_SLOTS; i++)
	{
		RefusalSlot *slot = i < 0 ? &table->overflow : &table->slots[i];

		if (slot->counted.count > 0 && (all || window_ended(slot, now)))
		{
			*due = slot->counted;
			slot->counted.count = 0;
			return 1;
		}
	}
	return 0;
}
