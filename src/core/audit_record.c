/*
 * The audit record's format: see audit_record.h.  Numbers and times are
 * written digit by digit (no format strings: a single-row select writes one
 * record per statement), text fields escaped to their bounds.
 */
#include "audit_record.h"

#include <string.h>

#include "hex.h"
#include "utf8.h"

#define FORMAT_1_FIELDS 12
#define FORMAT_2_FIELDS 18

static const char ellipsis[] = "\xe2\x80\xa6";	/* "…", the mark of a cut field */

static const char *const phase_words[] = {"complete", "opened", "closed"};

/* ---------------------------------------------------------------- numbers */

/* value in decimal; returns the bytes written (at most 20) */
static size_t
put_int64(int64_t value, char *out)
{
	char		reversed[AUDIT_INT64_MAX_DIGITS];
	uint64_t	magnitude = value < 0 ? (uint64_t) 0 - (uint64_t) value : (uint64_t) value;
	size_t		n = 0;
	size_t		length = 0;

	do
	{
		reversed[n++] = (char) ('0' + magnitude % 10);
		magnitude /= 10;
	} while (magnitude > 0);
	if (value < 0)
		out[length++] = '-';
	while (n > 0)
		out[length++] = reversed[--n];
	return length;
}

/* value in width decimal digits, zero-padded */
static void
put_digits(char *out, int64_t value, int width)
{
	for (int i = width - 1; i >= 0; i--, value /= 10)
		out[i] = (char) ('0' + value % 10);
}

/* a whole decimal field, optionally signed; 0 on success */
static int
parse_int64(const char *text, int64_t *value)
{
	const char *p = text;
	int			negative = *p == '-';
	uint64_t	magnitude = 0;
	uint64_t	limit;

	p += negative;
	if (*p == '\0')
		return -1;
	limit = negative ? (uint64_t) INT64_MAX + 1 : (uint64_t) INT64_MAX;
	for (; *p; p++)
	{
		if (*p < '0' || *p > '9' || magnitude > (limit - (uint64_t) (*p - '0')) / 10)
			return -1;
		magnitude = magnitude * 10 + (uint64_t) (*p - '0');
	}
	if (negative && magnitude == 0)
		return -1;				/* "-0" is not written */
	*value = negative ? (int64_t) (0 - magnitude) : (int64_t) magnitude;
	return 0;
}

/* ------------------------------------------------------------------ times */

#define USECS_PER_DAY INT64_C(86400000000)
#define DAYS_1970_TO_2000 10957

/* days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm) */
static int64_t
days_from_civil(int64_t year, int month, int day)
{
	int64_t		era;
	int64_t		year_of_era;
	int64_t		day_of_year;
	int64_t		day_of_era;

	year -= month <= 2;
	era = (year >= 0 ? year : year - 399) / 400;
	year_of_era = year - era * 400;
	day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	return era * 146097 + day_of_era - 719468;
}

static void
civil_from_days(int64_t days, int64_t *year, int *month, int *day)
{
	int64_t		era;
	int64_t		day_of_era;
	int64_t		year_of_era;
	int64_t		day_of_year;
	int64_t		mp;

	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	day_of_era = days - era * 146097;
	year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
	day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	mp = (5 * day_of_year + 2) / 153;
	*day = (int) (day_of_year - (153 * mp + 2) / 5 + 1);
	*month = (int) (mp < 10 ? mp + 3 : mp - 9);
	*year = year_of_era + era * 400 + (*month <= 2);
}

void
audit_record_put_time(int64_t logged_at, char *out)
{
	int64_t		days = logged_at / USECS_PER_DAY;
	int64_t		time_of_day = logged_at % USECS_PER_DAY;
	int64_t		year;
	int			month;
	int			day;

	if (time_of_day < 0)
	{
		time_of_day += USECS_PER_DAY;
		days--;
	}
	civil_from_days(days + DAYS_1970_TO_2000, &year, &month, &day);
	put_digits(out, year, 4);
	out[4] = '-';
	put_digits(out + 5, month, 2);
	out[7] = '-';
	put_digits(out + 8, day, 2);
	out[10] = 'T';
	put_digits(out + 11, time_of_day / INT64_C(3600000000), 2);
	out[13] = ':';
	put_digits(out + 14, time_of_day / 60000000 % 60, 2);
	out[16] = ':';
	put_digits(out + 17, time_of_day / 1000000 % 60, 2);
	out[19] = '.';
	put_digits(out + 20, time_of_day % 1000000, 6);
	out[26] = 'Z';
}

/* width digits at text; -1 if any is not a digit */
static int64_t
digits_at(const char *text, int width)
{
	int64_t		value = 0;

	for (int i = 0; i < width; i++)
	{
		if (text[i] < '0' || text[i] > '9')
			return -1;
		value = value * 10 + (text[i] - '0');
	}
	return value;
}

static int
parse_time(const char *text, int64_t *logged_at)
{
	static const int days_in_month[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int64_t		year,
				month,
				day,
				hour,
				minute,
				second,
				micro;

	if (strlen(text) != AUDIT_TIME_LENGTH || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
		text[13] != ':' || text[16] != ':' || text[19] != '.' || text[26] != 'Z')
		return -1;
	year = digits_at(text, 4);
	month = digits_at(text + 5, 2);
	day = digits_at(text + 8, 2);
	hour = digits_at(text + 11, 2);
	minute = digits_at(text + 14, 2);
	second = digits_at(text + 17, 2);
	micro = digits_at(text + 20, 6);
	if (year < 0 || month < 1 || month > 12 || day < 1 || day > days_in_month[month - 1] ||
		(month == 2 && day == 29 && !(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) ||
		hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || micro < 0)
		return -1;
	*logged_at = (days_from_civil(year, (int) month, (int) day) - DAYS_1970_TO_2000) * USECS_PER_DAY +
		((hour * 60 + minute) * 60 + second) * 1000000 + micro;
	return 0;
}

/* ------------------------------------------------------------ text fields */

/*
 * The bytes at s that make one unit of a field as written: a character
 * kept as it is (plain > 0), or a byte to escape (plain == 0).
 */
static size_t
next_unit(const unsigned char *s, size_t length, int *plain)
{
	uint32_t	codepoint;
	size_t		n = utf8_next(s, length, &codepoint);

	*plain = n > 0 && codepoint >= 0x20 && codepoint != 0x7f && codepoint != '\\';
	return n > 0 ? n : 1;
}

/* The bytes the escape of a byte takes. */
static size_t
escape_length(unsigned char c)
{
	return (c == '\\' || c == '\t' || c == '\n' || c == '\r') ? 2 : 4;
}

static size_t
put_escape(unsigned char c, char *out)
{
	static const char hex_digits[] = "0123456789abcdef";

	out[0] = '\\';
	switch (c)
	{
		case '\\':
			out[1] = '\\';
			return 2;
		case '\t':
			out[1] = 't';
			return 2;
		case '\n':
			out[1] = 'n';
			return 2;
		case '\r':
			out[1] = 'r';
			return 2;
		default:
			out[1] = 'x';
			out[2] = hex_digits[c >> 4];
			out[3] = hex_digits[c & 0xf];
			return 4;
	}
}

size_t
audit_record_escape(const char *value, size_t length, size_t bound, char *out)
{
	const unsigned char *s = (const unsigned char *) value;
	size_t		at = 0;
	size_t		written = 0;
	size_t		needed = 0;
	int			plain;

	/* all of it fits, or it is cut to leave room for the mark */
	while (at < length && needed <= bound)
	{
		size_t		n = next_unit(s + at, length - at, &plain);

		needed += plain ? n : escape_length(s[at]);
		at += n;
	}
	if (needed <= bound)
		bound = needed;
	else
		bound -= sizeof(ellipsis) - 1;
	for (at = 0; at < length;)
	{
		size_t		n = next_unit(s + at, length - at, &plain);
		size_t		size = plain ? n : escape_length(s[at]);

		if (written + size > bound)
		{
			memcpy(out + written, ellipsis, sizeof(ellipsis) - 1);
			return written + sizeof(ellipsis) - 1;
		}
		if (plain)
			memcpy(out + written, s + at, n);
		else
			put_escape(s[at], out + written);
		written += size;
		at += n;
	}
	return written;
}

/* A tab, then a text field (NULL as empty). */
static size_t
put_text(const char *value, size_t bound, char *out)
{
	size_t		length;

	out[0] = '\t';
	if (value == NULL)
		return 1;
	length = strlen(value);
	/*
	 * Nearly every field is short valid text with no control character or
	 * backslash (a purpose in Japanese too): nothing in it is escaped, so it
	 * is copied as it is, after one pass that only decodes what is not ASCII.
	 */
	if (length <= bound)
	{
		const unsigned char *s = (const unsigned char *) value;
		size_t		at = 0;

		while (at < length)
		{
			uint32_t	codepoint;
			size_t		n;

			if (s[at] < 0x80)
			{
				if (s[at] < 0x20 || s[at] == 0x7f || s[at] == '\\')
					break;
				at++;
				continue;
			}
			/* a whole character beyond ASCII is kept as it is (next_unit) */
			n = utf8_decode(s + at, length - at, &codepoint);
			if (n == 0)
				break;
			at += n;
		}
		if (at == length)
		{
			memcpy(out + 1, value, length);
			return 1 + length;
		}
	}
	return 1 + audit_record_escape(value, length, bound, out + 1);
}

static int
is_lower_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/* Decodes a field's escapes in place; -1 when one is malformed or a byte should have been escaped. */
static int
unescape(char *field)
{
	const unsigned char *in = (const unsigned char *) field;
	char	   *out = field;
	size_t		length = strlen(field);

	while (*in)
	{
		int			plain;
		size_t		n = next_unit(in, length - (size_t) ((const char *) in - field), &plain);

		if (plain)
		{
			memmove(out, in, n);
			out += n;
			in += n;
			continue;
		}
		if (in[0] != '\\')
			return -1;
		switch (in[1])
		{
			case '\\':
				*out++ = '\\';
				break;
			case 't':
				*out++ = '\t';
				break;
			case 'n':
				*out++ = '\n';
				break;
			case 'r':
				*out++ = '\r';
				break;
			case 'x':
				{
					uint8_t		byte;

					if (!is_lower_hex(in[2]) || !is_lower_hex(in[3]) ||
						hex_to_bytes((const char *) in + 2, 1, &byte) != -1)
						return -1;
					/* only bytes the writer escapes this way */
					if (escape_length(byte) != 4 || (byte >= 0x20 && byte < 0x7f))
						return -1;
					*out++ = (char) byte;
					in += 2;
					break;
				}
			default:
				return -1;
		}
		in += 2;
	}
	*out = '\0';
	return 0;
}

/*
 * A text field read back: NULL when empty, else decoded in place; -1 when
 * longer than its bound or badly escaped.
 */
static int
parse_text(char *field, size_t bound, const char **value)
{
	if (strlen(field) > bound || unescape(field) != 0)
		return -1;
	*value = field[0] ? field : NULL;
	return 0;
}

/* A number field that may be empty (as empty_value). */
static int
parse_optional(const char *field, int64_t empty_value, int64_t *value)
{
	if (field[0] == '\0')
	{
		*value = empty_value;
		return 0;
	}
	if (parse_int64(field, value) != 0 || *value == empty_value)
		return -1;
	return 0;
}

/* ---------------------------------------------------------------- writing */

size_t
audit_record_put_seq(int64_t seq, char *out)
{
	memcpy(out, AUDIT_RECORD_TAG "\t", sizeof(AUDIT_RECORD_TAG));
	return sizeof(AUDIT_RECORD_TAG) + put_int64(seq, out + sizeof(AUDIT_RECORD_TAG));
}

/* A tab and a number. */
static size_t
put_number(int64_t value, char *out)
{
	out[0] = '\t';
	return 1 + put_int64(value, out + 1);
}

/* A tab and a number, or nothing after the tab when it is empty_value. */
static size_t
put_optional(int64_t value, int64_t empty_value, char *out)
{
	out[0] = '\t';
	return value == empty_value ? 1 : 1 + put_int64(value, out + 1);
}

size_t
audit_record_put_fields(const AuditRecord *record, char *out)
{
	char	   *p = out;
	const char *phase = record->phase <= AUDIT_PHASE_CLOSED ? phase_words[record->phase] : phase_words[0];

	*p++ = '\t';
	audit_record_put_time(record->logged_at, p);
	p += AUDIT_TIME_LENGTH;
	p += put_number(record->pid, p);
	p += put_text(record->database, AUDIT_NAME_MAX, p);
	p += put_text(record->role, AUDIT_NAME_MAX, p);
	p += put_text(record->purpose, AUDIT_PURPOSE_MAX, p);
	p += put_number(record->query_id, p);
	p += put_text(record->relations, AUDIT_RELATIONS_MAX, p);
	p += put_text(record->action, AUDIT_WORD_MAX, p);
	*p++ = '\t';
	*p++ = record->refused ? 't' : 'f';
	*p++ = '\t';
	memcpy(p, phase, strlen(phase));
	p += strlen(phase);
	p += put_optional(record->opened_seq, 0, p);
	p += put_text(record->outcome, AUDIT_WORD_MAX, p);
	p += put_number(record->statements, p);
	p += put_optional(record->rows < 0 ? AUDIT_UNKNOWN : record->rows, AUDIT_UNKNOWN, p);
	p += put_optional(record->persons < 0 ? AUDIT_UNKNOWN : record->persons, AUDIT_UNKNOWN, p);
	*p++ = '\t';
	return (size_t) (p - out);
}

uint64_t
audit_record_digests_length(int64_t count)
{
	return count <= 0 ? 0 : (uint64_t) count * (AUDIT_RECORD_DIGEST_HEX + 1) - 1;
}

/* Digests written between two additions to the chain hash: about a page. */
#define DIGESTS_PER_PART 128

int
audit_record_put_digests(const uint8_t *digests, int64_t count, char *out)
{
	char	   *part = out;

	for (int64_t i = 0; i < count; i++)
	{
		if (i > 0)
			*out++ = ',';
		bytes_to_hex(digests + i * AUDIT_RECORD_DIGEST_SIZE, AUDIT_RECORD_DIGEST_SIZE, out);
		out += AUDIT_RECORD_DIGEST_HEX;
		if ((i + 1) % DIGESTS_PER_PART == 0 || i + 1 == count)
		{
			if (audit_chain_add(part, (size_t) (out - part)) != 0)
				return -1;
			part = out;
		}
	}
	return 0;
}

size_t
audit_record_put_tail(const char *previous, const char *hash, char *out)
{
	out[0] = '\t';
	memcpy(out + 1, previous, AUDIT_HASH_HEX);
	out[1 + AUDIT_HASH_HEX] = '\t';
	memcpy(out + 2 + AUDIT_HASH_HEX, hash, AUDIT_HASH_HEX);
	out[AUDIT_TAIL_LENGTH - 1] = '\n';
	return AUDIT_TAIL_LENGTH;
}

uint64_t
audit_record_max_length(const AuditRecord *record)
{
	return AUDIT_HEAD_MAX + audit_record_digests_length(record->digests ? record->digest_count : 0) +
		AUDIT_TAIL_LENGTH;
}

size_t
audit_record_format(const AuditRecord *record, const char *previous, char *out, char *hash)
{
	int64_t		count = record->digests ? record->digest_count : 0;
	size_t		head = audit_record_put_seq(record->seq, out);

	head += audit_record_put_fields(record, out + head);
	if (audit_chain_start(previous) != 0 || audit_chain_add(out, head) != 0 ||
		audit_record_put_digests(record->digests, count, out + head) != 0 || audit_chain_finish(hash) != 0)
	{
		(void) audit_chain_finish(hash);
		return 0;
	}
	head += (size_t) audit_record_digests_length(count);
	return head + audit_record_put_tail(previous, hash, out + head);
}

/* ---------------------------------------------------------------- reading */

/* Splits at tabs in place; returns how many fields (at most max + 1: more than max). */
static int
split(char *line, char **fields, int max)
{
	int			count = 0;
	char	   *p = line;

	fields[count++] = p;
	while ((p = strchr(p, '\t')) != NULL)
	{
		if (count > max)
			return count;
		*p++ = '\0';
		fields[count++] = p;
	}
	return count;
}

static int
parse_digests(const char *field, AuditRecord *record)
{
	size_t		length = strlen(field);
	int64_t		count = length == 0 ? 0 : (int64_t) ((length + 1) / (AUDIT_RECORD_DIGEST_HEX + 1));

	if (audit_record_digests_length(count) != length)
		return -1;
	for (size_t i = 0; i < length; i++)
	{
		char		c = field[i];

		if ((i + 1) % (AUDIT_RECORD_DIGEST_HEX + 1) == 0 ? c != ',' : !is_lower_hex(c))
			return -1;
	}
	record->digests_hex = field;
	record->digests_hex_length = length;
	record->digest_count = count;
	return 0;
}

static int
parse_bool(const char *field, int *value)
{
	if ((field[0] != 't' && field[0] != 'f') || field[1] != '\0')
		return -1;
	*value = field[0] == 't';
	return 0;
}

static int
parse_pid(const char *field, int32_t *pid)
{
	int64_t		value;

	if (parse_int64(field, &value) != 0 || value < INT32_MIN || value > INT32_MAX)
		return -1;
	*pid = (int32_t) value;
	return 0;
}

/* Format 1: no escapes (0.7 turned tabs and line ends into spaces), no bounds. */
static int
parse_format_1(char **f, AuditRecord *record)
{
	record->format = 1;
	record->phase = AUDIT_PHASE_COMPLETE;
	record->statements = 1;
	if (parse_int64(f[0], &record->seq) != 0 || parse_pid(f[2], &record->pid) != 0 ||
		parse_int64(f[5], &record->query_id) != 0 || parse_bool(f[8], &record->refused) != 0 ||
		parse_int64(f[9], &record->rows) != 0 || parse_int64(f[10], &record->persons) != 0 ||
		parse_digests(f[11], record) != 0)
		return -1;
	/* before 0.7 the time was in the session's time zone, as PostgreSQL writes it */
	if (parse_time(f[1], &record->logged_at) != 0)
	{
		if (f[1][0] == '\0')
			return -1;
		record->time_text = f[1];
	}
	record->role = f[3][0] ? f[3] : NULL;
	record->purpose = f[4][0] ? f[4] : NULL;
	record->relations = f[6][0] ? f[6] : NULL;
	record->action = f[7][0] ? f[7] : NULL;
	return 0;
}

static int
parse_phase(const char *field, AuditPhase *phase)
{
	for (int i = AUDIT_PHASE_COMPLETE; i <= AUDIT_PHASE_CLOSED; i++)
		if (strcmp(field, phase_words[i]) == 0)
		{
			*phase = (AuditPhase) i;
			return 0;
		}
	return -1;
}

static int
parse_format_2(char **f, AuditRecord *record)
{
	record->format = 2;
	if (parse_int64(f[1], &record->seq) != 0 || parse_time(f[2], &record->logged_at) != 0 ||
		parse_pid(f[3], &record->pid) != 0 ||
		parse_text(f[4], AUDIT_NAME_MAX, &record->database) != 0 ||
		parse_text(f[5], AUDIT_NAME_MAX, &record->role) != 0 ||
		parse_text(f[6], AUDIT_PURPOSE_MAX, &record->purpose) != 0 ||
		parse_int64(f[7], &record->query_id) != 0 ||
		parse_text(f[8], AUDIT_RELATIONS_MAX, &record->relations) != 0 ||
		parse_text(f[9], AUDIT_WORD_MAX, &record->action) != 0 ||
		parse_bool(f[10], &record->refused) != 0 ||
		parse_phase(f[11], &record->phase) != 0 ||
		parse_optional(f[12], 0, &record->opened_seq) != 0 ||
		parse_text(f[13], AUDIT_WORD_MAX, &record->outcome) != 0 ||
		parse_int64(f[14], &record->statements) != 0 ||
		parse_optional(f[15], AUDIT_UNKNOWN, &record->rows) != 0 || record->rows < AUDIT_UNKNOWN ||
		parse_optional(f[16], AUDIT_UNKNOWN, &record->persons) != 0 || record->persons < AUDIT_UNKNOWN ||
		parse_digests(f[17], record) != 0)
		return -1;
	return 0;
}

int
audit_record_parse(char *line, size_t length, AuditRecord *record)
{
	char	   *fields[FORMAT_2_FIELDS + 1];
	int			count;
	size_t		body_length;

	memset(record, 0, sizeof(*record));
	/* body, tab, 64 hex, tab, 64 hex; no NUL inside */
	if (length < AUDIT_TAIL_LENGTH - 1 || strlen(line) != length ||
		line[length - AUDIT_HASH_HEX - 1] != '\t' || line[length - 2 * AUDIT_HASH_HEX - 2] != '\t')
		return -1;
	body_length = length - (AUDIT_TAIL_LENGTH - 1);
	record->previous_hash = line + body_length + 1;
	record->hash = line + length - AUDIT_HASH_HEX;
	for (size_t i = body_length + 1; i < length; i++)
		if (i != length - AUDIT_HASH_HEX - 1 && !is_lower_hex(line[i]))
			return -1;
	line[body_length] = '\0';
	line[length - AUDIT_HASH_HEX - 1] = '\0';
	if (strncmp(line, AUDIT_RECORD_TAG "\t", sizeof(AUDIT_RECORD_TAG)) == 0)
	{
		count = split(line, fields, FORMAT_2_FIELDS);
		return count == FORMAT_2_FIELDS ? parse_format_2(fields, record) : -1;
	}
	count = split(line, fields, FORMAT_1_FIELDS);
	return count == FORMAT_1_FIELDS ? parse_format_1(fields, record) : -1;
}

/* -------------------------------------------------------------- verifying */

void
audit_verifier_start(AuditVerifier *verifier)
{
	memcpy(verifier->previous, audit_genesis_hash, sizeof(verifier->previous));
	verifier->lines = 0;
	verifier->first_broken = 0;
}

int
audit_verifier_add(AuditVerifier *verifier, char *line, size_t length)
{
	size_t		body_length;
	const char *previous;
	const char *hash;
	AuditRecord record;

	verifier->lines++;
	if (verifier->first_broken != 0)
		return 0;
	if (!audit_chain_check_line(line, length, &body_length, &previous, &hash) ||
		memcmp(previous, verifier->previous, AUDIT_HASH_HEX) != 0)
	{
		verifier->first_broken = verifier->lines;
		return 0;
	}
	memcpy(verifier->previous, hash, AUDIT_HASH_HEX);
	if (audit_record_parse(line, length, &record) != 0)
	{
		verifier->first_broken = verifier->lines;
		return 0;
	}
	return 1;
}
