#include "deadline.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace actionboard {

// [SECTION] Tokens
namespace {

enum class TokenKind { word, number, slash, dash, separator, apostrophe };

struct Token {
    TokenKind kind;
    std::string lower; // lower-case text for words; digits for numbers
    std::size_t begin; // byte offsets into the original text
    std::size_t end;
    int value = 0; // numbers only
};

bool is_alpha(unsigned char c) {
    return std::isalpha(c) != 0;
}
bool is_digit(unsigned char c) {
    return c >= '0' && c <= '9';
}

// UTF-8 punctuation that word processors put into plans: dashes (U+2010 to U+2014, the minus
// sign U+2212) read as '-', curly apostrophes (U+2018, U+2019) as '\''. Returns the token kind
// of the three bytes at `i`, if they are one of those.
std::optional<TokenKind> utf8_punctuation(std::string_view text, std::size_t i) {
    if (i + 2 >= text.size() || static_cast<unsigned char>(text[i]) != 0xE2)
        return std::nullopt;
    auto second = static_cast<unsigned char>(text[i + 1]);
    auto third = static_cast<unsigned char>(text[i + 2]);
    if (second == 0x80 && third >= 0x90 && third <= 0x94)
        return TokenKind::dash;
    if (second == 0x88 && third == 0x92)
        return TokenKind::dash;
    if (second == 0x80 && (third == 0x98 || third == 0x99))
        return TokenKind::apostrophe;
    return std::nullopt;
}

// The plain lower-case letter of an accented Latin letter (U+00C0 to U+017F) whose UTF-8 bytes
// start at `i`: "é" is 'e', "ŵ" (Welsh) is 'w'. 0 when there is none there (other characters,
// and letters such as "æ" or "ß" that are not one letter with an accent).
char accented_letter(std::string_view text, std::size_t i) {
    if (i + 1 >= text.size())
        return 0;
    auto lead = static_cast<unsigned char>(text[i]);
    auto next = static_cast<unsigned char>(text[i + 1]);
    if (lead < 0xC3 || lead > 0xC5 || (next & 0xC0) != 0x80)
        return 0;
    unsigned code = ((lead & 0x1Fu) << 6) | (next & 0x3Fu);
    // U+00C0 to U+00FF, then U+0100 to U+017F; '.' for no plain letter.
    constexpr std::string_view latin1 = "aaaaaa.ceeeeiiii.nooooo.ouuuuy.."
                                        "aaaaaa.ceeeeiiii.nooooo.ouuuuy.y";
    constexpr std::string_view extended_a = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhh"
                                            "iiiiiiiiii..jjkk.llllllllllnnnnnn...oooooo..rrrrrr"
                                            "sssssssstttttt"
                                            "uuuuuuuuuuuuwwyyyzzzzzz.";
    char letter = code < 0x100 ? latin1[code - 0xC0] : extended_a[code - 0x100];
    return letter == '.' ? 0 : letter;
}

// Splits into words, numbers and the little punctuation that matters for dates. Everything else
// (commas, full stops, other non-ASCII) only separates. ';' and newlines separate readings.
// Accented Latin letters read as their plain letters ("Mehefîn" is "mehefin").
std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < text.size()) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (is_alpha(c) || accented_letter(text, i) != 0) {
            std::size_t start = i;
            std::string lower;
            while (i < text.size()) {
                auto byte = static_cast<unsigned char>(text[i]);
                if (is_alpha(byte) || is_digit(byte)) {
                    lower.push_back(char(std::tolower(byte)));
                    ++i;
                } else if (char letter = accented_letter(text, i)) {
                    lower.push_back(letter);
                    i += 2;
                } else {
                    break;
                }
            }
            tokens.push_back({TokenKind::word, std::move(lower), start, i});
        } else if (is_digit(c)) {
            std::size_t start = i;
            while (i < text.size() && is_digit(static_cast<unsigned char>(text[i])))
                ++i;
            std::string digits(text.substr(start, i - start));
            int value = digits.size() <= 6 ? std::stoi(digits) : -1; // long digit runs: not dates
            // Ordinal suffixes ("12th") belong to the number.
            if (i + 1 < text.size() && is_alpha(static_cast<unsigned char>(text[i]))) {
                std::string suffix{char(std::tolower(static_cast<unsigned char>(text[i]))),
                                   char(std::tolower(static_cast<unsigned char>(text[i + 1])))};
                bool ends_word =
                    i + 2 >= text.size() || !is_alpha(static_cast<unsigned char>(text[i + 2]));
                if (ends_word &&
                    (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th"))
                    i += 2;
            }
            tokens.push_back({TokenKind::number, std::move(digits), start, i, value});
        } else if (c == '/') {
            tokens.push_back({TokenKind::slash, "/", i, i + 1});
            ++i;
        } else if (c == '-') {
            tokens.push_back({TokenKind::dash, "-", i, i + 1});
            ++i;
        } else if (c == '\'') {
            tokens.push_back({TokenKind::apostrophe, "'", i, i + 1});
            ++i;
        } else if (auto kind = utf8_punctuation(text, i)) {
            tokens.push_back({*kind, *kind == TokenKind::dash ? "-" : "'", i, i + 3});
            i += 3;
        } else if (c == ';' || c == '\n') {
            tokens.push_back({TokenKind::separator, ";", i, i + 1});
            ++i;
        } else if (c == '.' && i + 1 < text.size() &&
                   is_digit(static_cast<unsigned char>(text[i + 1])) && !tokens.empty() &&
                   tokens.back().kind == TokenKind::number && tokens.back().end == i) {
            // "12.06.2009": a dotted numeric date reads like a slashed one.
            tokens.push_back({TokenKind::slash, ".", i, i + 1});
            ++i;
        } else {
            ++i;
        }
    }
    return tokens;
}

// [SECTION] Vocabulary

constexpr std::array<std::pair<std::string_view, int>, 24> month_names{{
    {"january", 1},   {"jan", 1},   {"february", 2},  {"feb", 2},      {"march", 3},
    {"mar", 3},       {"april", 4}, {"apr", 4},       {"may", 5},      {"june", 6},
    {"jun", 6},       {"july", 7},  {"jul", 7},       {"august", 8},   {"aug", 8},
    {"september", 9}, {"sept", 9},  {"sep", 9},       {"october", 10}, {"oct", 10},
    {"november", 11}, {"nov", 11},  {"december", 12}, {"dec", 12},
}};

// Welsh month names, and the soft-mutated forms they take after words such as "erbyn" (by) and
// "diwedd" (end): "erbyn Fawrth". Ionawr, Chwefror, Ebrill, Awst, Hydref and Rhagfyr do not
// change. None of these is an English word.
constexpr std::array<std::pair<std::string_view, int>, 18> welsh_month_names{{
    {"ionawr", 1},
    {"chwefror", 2},
    {"mawrth", 3},
    {"fawrth", 3},
    {"ebrill", 4},
    {"mai", 5},
    {"fai", 5},
    {"mehefin", 6},
    {"fehefin", 6},
    {"gorffennaf", 7},
    {"orffennaf", 7},
    {"awst", 8},
    {"medi", 9},
    {"fedi", 9},
    {"hydref", 10},
    {"tachwedd", 11},
    {"dachwedd", 11},
    {"rhagfyr", 12},
}};

int welsh_month_number(std::string_view word) {
    for (auto [name, number] : welsh_month_names) {
        if (word == name)
            return number;
    }
    return 0;
}

int month_number(std::string_view word) {
    for (auto [name, number] : month_names) {
        if (word == name)
            return number;
    }
    return welsh_month_number(word);
}

// "mis Mawrth", "fis Mai": Welsh "month (of)" before a Welsh month name.
bool is_welsh_month_word(std::string_view word) {
    return word == "mis" || word == "fis";
}

enum class Season { none, spring, summer, autumn, winter };

Season season_of(std::string_view word) {
    if (word == "spring")
        return Season::spring;
    if (word == "summer")
        return Season::summer;
    if (word == "autumn" || word == "fall")
        return Season::autumn;
    if (word == "winter")
        return Season::winter;
    return Season::none;
}

enum class Modifier { none, early, mid, late };

// Welsh "dechrau" (start), "canol" (middle), "diwedd" (end), with their mutated forms ("ar
// ddechrau", "yng nghanol", "yn niwedd").
Modifier welsh_modifier_of(std::string_view word) {
    if (word == "dechrau" || word == "ddechrau" || word == "nechrau")
        return Modifier::early;
    if (word == "canol" || word == "ganol" || word == "nghanol")
        return Modifier::mid;
    if (word == "diwedd" || word == "ddiwedd" || word == "niwedd")
        return Modifier::late;
    return Modifier::none;
}

Modifier modifier_of(std::string_view word) {
    if (word == "early" || word == "beginning" || word == "start")
        return Modifier::early;
    if (word == "mid" || word == "middle")
        return Modifier::mid;
    if (word == "late" || word == "end")
        return Modifier::late;
    return welsh_modifier_of(word);
}

template <std::size_t N>
bool one_of(std::string_view word, const std::array<std::string_view, N>& words) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

// Words after which a bare year or a month without a year is read as a deadline; "erbyn" is
// Welsh "by".
constexpr std::array<std::string_view, 16> trigger_words{
    "by", "from",   "in",  "until",      "till",     "before", "during", "for",
    "on", "within", "due", "commencing", "starting", "after",  "to",     "erbyn"};

bool is_trigger(std::string_view word) {
    return one_of(word, trigger_words);
}

bool is_from(std::string_view word) {
    return word == "from" || word == "commencing" || word == "starting" || word == "after";
}

// Words that join the two halves of a range: "April 2009 to March 2010". A dash is one too;
// ';', ',', "and" and line breaks are not (they list two milestones).
constexpr std::array<std::string_view, 6> range_words{"to",      "until", "till",
                                                      "through", "thru",  "til"};

// Words that say a text is done: "Complete", "Completed March 2010", "In place".
// "complete" (and "in place") can also be an order ("Complete the review by June"), so they
// count only when nothing but a date or punctuation follows; the participles count unless a
// deadline word follows ("Completed by March 2010" is a target).
bool is_done_participle(std::string_view word) {
    return word == "completed" || word == "done" || word == "achieved";
}

// After a participle done word, these make the text a target, not a status.
constexpr std::array<std::string_view, 7> deadline_words{"by",     "before", "until", "till",
                                                         "within", "no",     "prior"};

// Between a done word and its date: "Completed in March 2010", "In place since 2008".
constexpr std::array<std::string_view, 5> done_links{"in", "on", "since", "during", "at"};

// Adverbs and adjectives of repetition: "Quarterly", "Annual review", "six-monthly".
constexpr std::array<std::string_view, 16> recurring_words{
    "annually",   "annual",   "yearly",      "quarterly", "monthly",    "bimonthly",
    "termly",     "weekly",   "fortnightly", "daily",     "biannually", "biannual",
    "biennially", "biennial", "biweekly",    "halfyearly"};

// Prefixes of a recurring word that belong to its phrase: "bi-monthly", "six monthly",
// "half-yearly", "twice yearly", "3-monthly".
constexpr std::array<std::string_view, 12> recurring_prefixes{
    "bi", "six", "half", "twice", "once", "two", "three", "four", "tri", "semi", "eight", "twelve"};

// The units "each"/"every" repeat over: "each quarter", "every Board meeting".
constexpr std::array<std::string_view, 20> recurring_units{
    "day",     "days",     "week",     "weeks",    "fortnight", "fortnights", "month",
    "months",  "quarter",  "quarters", "term",     "terms",     "year",       "years",
    "meeting", "meetings", "session",  "sessions", "cycle",     "annum"};

// Counts before a unit: "every six months", "every other week", "every 2 years".
constexpr std::array<std::string_view, 14> count_words{"other",  "two",    "three",  "four", "five",
                                                       "six",    "seven",  "eight",  "nine", "ten",
                                                       "eleven", "twelve", "second", "third"};

// Small words that cannot stand inside "each ... meeting": "each of the recommendations".
constexpr std::array<std::string_view, 13> function_words{
    "the", "of", "for", "to", "by", "and", "a", "an", "in", "on", "with", "at", "or"};

// Between a recurring word and a date: "Quarterly from April 2010", "Annually in March".
constexpr std::array<std::string_view, 11> recurring_links{
    "in", "on", "by", "each", "every", "until", "till", "to", "during", "at", "before"};
constexpr std::array<std::string_view, 5> recurring_start_links{"from", "starting", "commencing",
                                                                "beginning", "effective"};

constexpr std::array<std::string_view, 17> weekday_names{
    "monday", "mon",   "tuesday", "tue", "tues",     "wednesday", "wed",    "thursday", "thu",
    "thur",   "thurs", "friday",  "fri", "saturday", "sat",       "sunday", "sun"};

// Words that name a week by one of its days: "week commencing", "week ending".
constexpr std::array<std::string_view, 6> week_start_words{"commencing", "beginning", "starting",
                                                           "commences",  "begins",    "starts"};
constexpr std::array<std::string_view, 3> week_end_words{"ending", "ended", "ends"};

// [SECTION] Periods

struct Period {
    Date first;
    Date last;
};

constexpr std::array<std::string_view, 12> month_display_names{
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// Why `day` `month` `year` is not a day, or "" when it is one. With no year, only what no year
// could make right ("31 September", "30 February").
std::string why_not_a_day(int day, int month, std::optional<int> year) {
    if (month < 1 || month > 12)
        return "there is no month " + std::to_string(month);
    if (day < 1 || day > 31)
        return "there is no day " + std::to_string(day);
    std::string name(month_display_names[std::size_t(month - 1)]);
    if (month == 2) {
        if (day > 29)
            return "February has at most 29 days";
        if (day == 29 && year && !make_date(*year, 2, 29).ok())
            return "February " + std::to_string(*year) + " has 28 days";
        return "";
    }
    int days = int(unsigned(last_day_of_month(2001, unsigned(month)).day()));
    return day > days ? name + " has " + std::to_string(days) + " days" : "";
}

Period month_period(int year, int first_month, int last_month) {
    return {make_date(year, unsigned(first_month), 1),
            last_day_of_month(year, unsigned(last_month))};
}

Period season_period(Season season, int year) {
    switch (season) {
    case Season::spring:
        return month_period(year, 3, 5);
    case Season::summer:
        return month_period(year, 6, 8);
    case Season::autumn:
        return month_period(year, 9, 11);
    case Season::winter:
    case Season::none:
        break;
    }
    // Winter runs December to February, ending in the next year.
    return {make_date(year, 12, 1), last_day_of_month(year + 1, 2)};
}

// The due date inside a period named with a modifier: early = the 10th and mid = the 15th of the
// (first or middle) month, late/end = the last day. A whole year reads by quarter instead,
// since "early 2010" means the first months, not 10 January.
Date apply_modifier(const Period& period, Modifier modifier, bool whole_year) {
    if (modifier == Modifier::none || modifier == Modifier::late)
        return period.last;
    int year = int(period.first.year());
    unsigned first_month = unsigned(period.first.month());
    int months = (int(period.last.year()) - year) * 12 + int(unsigned(period.last.month())) -
                 int(first_month) + 1;
    if (whole_year) {
        // The first quarter or the first half of the year the text names, counted from its
        // start: a financial year 2008/09 begins in April.
        int months_in = modifier == Modifier::early ? 3 : 6;
        int index = int(first_month) - 1 + months_in - 1;
        return last_day_of_month(year + index / 12, unsigned(index % 12 + 1));
    }
    if (modifier == Modifier::early)
        return make_date(year, first_month, 10);
    int middle = int(first_month) - 1 + months / 2; // 0-based months from January of `year`
    return make_date(year + middle / 12, unsigned(middle % 12 + 1), 15);
}

bool plausible_year(int year) {
    return year >= 1900 && year <= 2199;
}

// A four-digit year, or a two-digit one read as 20xx.
std::optional<int> year_of(const Token& token) {
    if (token.kind != TokenKind::number)
        return std::nullopt;
    if (token.lower.size() == 4 && plausible_year(token.value))
        return token.value;
    if (token.lower.size() == 2)
        return 2000 + token.value;
    return std::nullopt;
}

// The first calendar year of the UK financial year (April to March) holding `date`.
int financial_year_of(Date date) {
    int year = int(date.year());
    return unsigned(date.month()) >= 4 ? year : year - 1;
}

// [SECTION] Matching

// What a match says about the text.
enum class Role {
    deadline,  // a date to meet (or, with `onwards`, a start with no end)
    ongoing,   // "Ongoing", "Immediate and ongoing"
    recurring, // "Quarterly", "each Board meeting"; the date, if any, gives the start
    done,      // "Complete", "Completed March 2010"; the date, if any, is the completion
    now,       // "Immediate", "With immediate effect": due on the reporting date
    skip,      // words that look like a date but are not one ("2010-02-30"): read nothing
};

enum class Week { none, commencing, ending };

// One expression found in the text, before years are filled in.
struct Match {
    std::size_t first_token = 0;
    std::size_t end_token = 0;  // one past the last token used
    std::size_t phrase_end = 0; // one past the last token of the phrase; 0: end_token
    Role role = Role::deadline;
    // The date the match names: none, a period (month, season, quarter, year), or a day.
    enum class Shape { none, period, exact } shape = Shape::period;
    // For months and seasons written without a year, the year comes from the text around them.
    std::optional<int> year;
    int first_month = 0; // months: 1-12
    int last_month = 0;
    unsigned day = 0; // exact dates
    Season season = Season::none;
    int quarter = 0;
    bool financial = false; // quarters and years of the UK financial year (April to March)
    bool whole_year = false;
    int year_offset = 0; // relative phrases: plan year + offset
    bool relative = false;
    bool year_from_reporting = false; // "Q2": the financial year of the reporting date
    Modifier modifier = Modifier::none;
    bool onwards = false;          // "from 2009 onwards": no end
    Week week = Week::none;        // "w/c 12 April 2010": the Monday-to-Sunday week of that day
    bool starts_now = false;       // "Immediate and ongoing": starts on the reporting date
    bool keep_start = true;        // recurring: only "from <date>" gives a start
    std::optional<Date> range_due; // "Jan 08 - June 08": the due date of the second half
    // The tokens of the day a match names ("31/04/2010", "31 April 2010"), for reporting one
    // that does not exist; and, for a numeric date that does not, why ("there is no month 13").
    std::size_t date_first = 0;
    std::size_t date_end = 0;
    std::string impossible;
};

bool has_text_year(const Match& match) {
    return match.year && !match.relative;
}

class Matcher {
public:
    Matcher(std::string_view text, const std::vector<Token>& tokens, Date reporting_date)
        : text_(text), tokens_(tokens), reporting_(reporting_date) {
        segment_.reserve(tokens.size());
        int segment = 0;
        for (const Token& token : tokens) {
            if (token.kind == TokenKind::separator)
                ++segment;
            segment_.push_back(segment);
        }
    }

    std::vector<Match> find_all() const {
        std::vector<Match> matches;
        std::size_t i = 0;
        while (i < tokens_.size()) {
            auto match = match_special(i);
            if (!match)
                match = match_date_at(i, false);
            if (match) {
                // A phrase never reaches back into the one before it ("12 - monthly").
                if (!matches.empty())
                    match->first_token = std::max(match->first_token, matches.back().end_token);
                i = std::max(match->end_token, i + 1);
                matches.push_back(*match);
            } else {
                ++i;
            }
        }
        mark_trailing_done(matches);
        settle_recurring(matches);
        return matches;
    }

private:
    std::string_view text_;
    const std::vector<Token>& tokens_;
    Date reporting_;
    std::vector<int> segment_; // the reading (between ';' and line breaks) each token is in

    const Token* at(std::size_t i) const { return i < tokens_.size() ? &tokens_[i] : nullptr; }
    bool word_is(std::size_t i, std::string_view word) const {
        const Token* t = at(i);
        return t && t->kind == TokenKind::word && t->lower == word;
    }
    template <std::size_t N>
    bool word_in(std::size_t i, const std::array<std::string_view, N>& words) const {
        const Token* t = at(i);
        return t && t->kind == TokenKind::word && one_of(t->lower, words);
    }
    // The month the word at `k` names, 0 if none. Welsh "Mawrth" after "dydd" or "nos" is
    // Tuesday ("dydd Mawrth", "nos Fawrth"), and "Hydref" after the article is the autumn ("yr
    // hydref", "i'r hydref"): neither is a month.
    int month_at(std::size_t k) const {
        const Token* t = at(k);
        if (!t || t->kind != TokenKind::word)
            return 0;
        int month = month_number(t->lower);
        if (welsh_month_number(t->lower) == 3 &&
            (word_is(k - 1, "dydd") || word_is(k - 1, "ddydd") || word_is(k - 1, "nos")))
            return 0;
        if (t->lower == "hydref" && (word_is(k - 1, "yr") || word_is(k - 1, "r")))
            return 0;
        return month;
    }
    // Is the word before `k` Welsh "erbyn" (by) or a Welsh modifier ("diwedd", "dechrau", ...)?
    bool after_welsh_deadline_word(std::size_t k) const {
        const Token* t = k > 0 ? at(k - 1) : nullptr;
        if (!t || t->kind != TokenKind::word)
            return false;
        return t->lower == "erbyn" || welsh_modifier_of(t->lower) != Modifier::none;
    }
    // "mis Mawrth", "fis Mai": the Welsh word for "month" right before a Welsh month name.
    bool welsh_month_word_at(std::size_t k) const {
        const Token* t = at(k);
        const Token* next = at(k + 1);
        return t && next && t->kind == TokenKind::word && is_welsh_month_word(t->lower) &&
               next->kind == TokenKind::word && welsh_month_number(next->lower) != 0 &&
               month_at(k + 1) != 0;
    }
    bool kind_is(std::size_t i, TokenKind kind) const {
        const Token* t = at(i);
        return t && t->kind == kind;
    }
    bool is_punctuation(std::size_t i) const {
        return kind_is(i, TokenKind::dash) || kind_is(i, TokenKind::slash) ||
               kind_is(i, TokenKind::apostrophe);
    }
    std::string_view gap_before(std::size_t i) const {
        if (i == 0 || i > tokens_.size())
            return {};
        std::size_t from = tokens_[i - 1].end;
        std::size_t to = i < tokens_.size() ? tokens_[i].begin : text_.size();
        return text_.substr(from, to - from);
    }

    // One past the last token of the reading (between ';' and line breaks) `i` is in.
    std::size_t segment_end(std::size_t i) const {
        while (i < tokens_.size() && tokens_[i].kind != TokenKind::separator)
            ++i;
        return i;
    }
    // Nothing but punctuation before `i` in its reading: "Complete", "- Complete".
    bool segment_start(std::size_t i) const {
        for (std::size_t k = i; k-- > 0;) {
            if (tokens_[k].kind == TokenKind::separator)
                return true;
            if (!is_punctuation(k))
                return false;
        }
        return true;
    }
    // Does a clause end before token `k`: the end of the reading, or punctuation such as
    // ',', ':', '(', '.', a dash or a slash?
    bool clause_break(std::size_t k) const {
        if (k >= tokens_.size() || tokens_[k].kind == TokenKind::separator ||
            tokens_[k].kind == TokenKind::dash || tokens_[k].kind == TokenKind::slash)
            return true;
        return gap_before(k).find_first_of(",:;()[].!?") != std::string_view::npos;
    }

    // Is the word at `k` set off from what comes before it: "March 2010 - Complete",
    // "Status: done"?
    bool set_off(std::size_t k) const {
        return k > 0 && k < tokens_.size() &&
               (kind_is(k - 1, TokenKind::dash) || kind_is(k - 1, TokenKind::slash) ||
                gap_before(k).find_first_of(",:;()[].!?&") != std::string_view::npos);
    }

    // Is the token before `i` a word that introduces a deadline, or the start of a reading?
    bool introduced(std::size_t i) const {
        if (i == 0 || kind_is(i - 1, TokenKind::separator))
            return true;
        const Token& previous = tokens_[i - 1];
        return previous.kind == TokenKind::word && is_trigger(previous.lower);
    }

    // Phrases that are not plain dates, tried first: ongoing, done, now, recurring, weeks.
    std::optional<Match> match_special(std::size_t i) const {
        if (word_is(i, "ongoing") ||
            (word_is(i, "on") && kind_is(i + 1, TokenKind::dash) && word_is(i + 2, "going"))) {
            Match match;
            match.first_token = i;
            match.end_token = word_is(i, "ongoing") ? i + 1 : i + 3;
            match.role = Role::ongoing;
            match.shape = Match::Shape::none;
            return match;
        }
        if (auto match = match_done(i))
            return match;
        if (auto match = match_now(i))
            return match;
        if (auto match = match_recurring(i))
            return match;
        return match_week(i);
    }

    // A date at `i`, and the range it starts when a second date follows: "Sept 2010 - Dec 2010".
    std::optional<Match> match_date_at(std::size_t i, bool force_introduced) const {
        auto match = match_at(i, force_introduced);
        if (match && match->role == Role::deadline)
            extend_range(*match);
        return match;
    }

    std::optional<Match> match_at(std::size_t i, bool force_introduced) const {
        // Optional modifier: "end", "end of", "the end of", "mid-", "early".
        std::size_t j = i;
        Modifier modifier = Modifier::none;
        if (word_is(j, "the") && at(j + 1) && modifier_of(tokens_[j + 1].lower) != Modifier::none)
            ++j;
        if (const Token* t = at(j);
            t && t->kind == TokenKind::word && modifier_of(t->lower) != Modifier::none) {
            std::size_t k = j + 1;
            if (kind_is(k, TokenKind::dash))
                ++k;
            if (word_is(k, "of"))
                ++k;
            if (word_is(k, "the"))
                ++k;
            if (welsh_month_word_at(k))
                ++k; // "diwedd mis Mawrth"
            if (at(k) && starts_date(k)) {
                modifier = modifier_of(t->lower);
                j = k;
            }
        }
        bool has_modifier = modifier != Modifier::none;
        // "mis Mai" is the month of May, never a verb: it needs no deadline word before it.
        bool month_word = false;
        if (welsh_month_word_at(j)) {
            month_word = true;
            ++j;
        } else if (j > 0 && welsh_month_word_at(j - 1)) {
            month_word = true;
        }
        bool is_introduced = force_introduced || has_modifier || month_word || introduced(i);
        // A Welsh month with no year needs a word before it, not only the start of a reading:
        // "Mai" and "Medi" are names (a lead's line: "Medi Evans"), "mai" is also "that".
        bool by_word =
            force_introduced || has_modifier || month_word ||
            (i > 0 && tokens_[i - 1].kind == TokenKind::word && is_trigger(tokens_[i - 1].lower));

        std::optional<Match> match = match_year_first(j);
        if (!match)
            match = match_numeric(j);
        if (!match)
            match = match_day_month(j, is_introduced);
        if (!match)
            match = match_month(j, is_introduced, by_word);
        if (!match)
            match = match_season(j, is_introduced);
        if (!match)
            match = match_quarter(j);
        if (!match)
            match = match_financial_year(j);
        if (!match)
            match = match_relative(j);
        if (!match)
            match = match_year(j, is_introduced);
        if (!match)
            return std::nullopt;

        match->first_token = i;
        // An explicit day wins over a modifier: "mid 20 August 2009" is 20 August.
        match->modifier = match->shape == Match::Shape::exact ? Modifier::none : modifier;
        // "from May 2009": it starts then (the period still gives the due date); the phrase
        // keeps the word.
        if (i > 0 && tokens_[i - 1].kind == TokenKind::word && is_from(tokens_[i - 1].lower))
            match->first_token = i - 1;
        if (word_is(match->end_token, "onwards") || word_is(match->end_token, "onward")) {
            match->onwards = true;
            ++match->end_token;
        }
        return match;
    }

    bool starts_date(std::size_t k) const {
        const Token& t = tokens_[k];
        if (t.kind == TokenKind::number)
            return true;
        std::size_t end = 0;
        return t.kind == TokenKind::word &&
               (month_at(k) != 0 || season_of(t.lower) != Season::none || t.lower == "this" ||
                t.lower == "next" || t.lower == "year" || quarter_at(k, end) != 0);
    }

    // [SECTION] Ranges

    // "Jan 08 - June 08", "April 2009 to March 2010", "Autumn 2009 - Spring 2010": one period
    // from the first day of the first half to the due date of the second. The second half must
    // carry its own year; the first may borrow it ("Autumn - Spring 2010": autumn 2009).
    void extend_range(Match& first) const {
        std::size_t k = first.end_token;
        bool between = first.first_token > 0 && word_is(first.first_token - 1, "between");
        if (!(kind_is(k, TokenKind::dash) || word_in(k, range_words) ||
              (between && word_is(k, "and"))))
            return;
        if (first.onwards || first.shape == Match::Shape::none || first.week != Week::none ||
            (first.relative && first.whole_year))
            return;
        auto second = match_at(k + 1, true);
        // A year pairs only with a year: "June 2009 - 2010" could end in June or December.
        if (!second || second->role != Role::deadline || second->onwards ||
            second->week != Week::none || second->whole_year != first.whole_year)
            return;
        // "Q3 - Q4": both halves are quarters of the reporting date's financial year.
        bool both_from_reporting = second->year_from_reporting && first.year_from_reporting;
        if (!has_text_year(*second) && !both_from_reporting)
            return;
        Match candidate = first;
        if (!has_text_year(candidate) && !both_from_reporting) {
            candidate.year = second->year;
            candidate.relative = false;
            candidate.year_from_reporting = false;
            if (candidate.quarter != 0)
                candidate.financial = second->financial;
            Period trial = period_of(candidate);
            Period later = period_of(*second);
            if (trial.first.ok() && later.first.ok() && trial.first > later.first)
                candidate.year = *candidate.year - 1;
        }
        Period from = period_of(candidate);
        Period to = period_of(*second);
        if (!from.first.ok() || !from.last.ok() || !to.first.ok() || !to.last.ok())
            return;
        Date due = second->range_due ? *second->range_due
                                     : apply_modifier(to, second->modifier, second->whole_year);
        // A range that runs backwards is two dates, as written, not a period.
        if (from.first > to.first || from.first > due)
            return;
        candidate.range_due = due;
        candidate.end_token = second->end_token;
        if (between)
            --candidate.first_token;
        first = candidate;
    }

    // [SECTION] Done, now, recurring, weeks

    // "Complete", "Completed March 2010", "Complete - 12/03/2010", "Achieved (Jan 2010)",
    // "In place": only at the start of a reading. The rest of that reading is a comment on the
    // completion and is not read ("Done - next review March 2011" has no March 2011 milestone).
    std::optional<Match> match_done(std::size_t i) const {
        std::size_t k = 0;
        bool strict = false; // a word that can also be an order: "Complete the review by June"
        if (word_is(i, "complete")) {
            k = i + 1;
            strict = true;
        } else if (at(i) && tokens_[i].kind == TokenKind::word &&
                   is_done_participle(tokens_[i].lower)) {
            k = i + 1;
        } else if (word_is(i, "in") && word_is(i + 1, "place")) {
            k = i + 2;
            strict = true;
        } else {
            return std::nullopt;
        }
        if (!segment_start(i))
            return std::nullopt;
        std::size_t end = segment_end(k);
        Match done;
        done.role = Role::done;
        done.shape = Match::Shape::none;
        done.first_token = i;
        done.end_token = end;
        done.phrase_end = k;
        if (k >= end)
            return done;
        bool punctuated = clause_break(k);
        std::size_t d = k;
        while (d < end && is_punctuation(d))
            ++d;
        if (word_in(d, done_links))
            ++d;
        if (d < end) {
            if (auto date = match_date_at(d, true);
                date && date->role == Role::deadline && date->end_token <= end) {
                Match match = *date;
                match.role = Role::done;
                match.onwards = false;
                match.first_token = i;
                match.phrase_end = date->end_token;
                match.end_token = end;
                return match;
            }
        }
        if (punctuated)
            return done;
        if (strict)
            return std::nullopt;
        for (std::size_t t = k; t < end; ++t) {
            if (word_in(t, deadline_words))
                return std::nullopt; // "Completed by March 2010": a target
        }
        return done;
    }

    // The end of a clause after a now word: end of reading, punctuation, "and", "then".
    bool now_clause_ends(std::size_t k) const {
        return clause_break(k) || word_is(k, "and") || word_is(k, "then");
    }

    // "Immediate", "Immediately", "With immediate effect": due on the reporting date.
    // "immediate" alone must make up its clause ("Detail of immediate changes" is not a date);
    // "immediately" ends its clause ("Implement immediately", not "immediately after the
    // review").
    std::optional<Match> match_now(std::size_t i) const {
        std::size_t k = 0;
        if (word_is(i, "with") && word_is(i + 1, "immediate") && word_is(i + 2, "effect"))
            k = i + 3;
        else if (word_is(i, "immediate") && word_is(i + 1, "effect"))
            k = i + 2;
        else if (word_is(i, "immediate") && segment_start(i) && now_clause_ends(i + 1))
            k = i + 1;
        else if (word_is(i, "immediately") && now_clause_ends(i + 1))
            k = i + 1;
        else
            return std::nullopt;
        Match match;
        match.role = Role::now;
        match.shape = Match::Shape::none;
        match.first_token = i;
        match.end_token = k;
        // "Immediate and ongoing": it starts now and has no end.
        std::size_t d = k;
        while (is_punctuation(d))
            ++d;
        if (word_is(d, "and") || word_is(d, "then"))
            ++d;
        std::size_t after = 0;
        if (word_is(d, "ongoing") || word_is(d, "onwards"))
            after = d + 1;
        else if (word_is(d, "on") && kind_is(d + 1, TokenKind::dash) && word_is(d + 2, "going"))
            after = d + 3;
        if (after != 0) {
            match.role = Role::ongoing;
            match.starts_now = true;
            match.end_token = after;
        }
        return match;
    }

    // "Quarterly", "Annual", "six-monthly", "each Board meeting", "every six months",
    // "twice a year"; with "from <date>" after it, that date is its start.
    std::optional<Match> match_recurring(std::size_t i) const {
        std::size_t first = i;
        std::size_t k = 0;
        if (word_in(i, recurring_words)) {
            k = i + 1;
            // "bi-monthly", "six monthly", "3-monthly": the prefix belongs to the phrase.
            std::size_t p = i;
            if (p > 0 && kind_is(p - 1, TokenKind::dash))
                --p;
            if (p > 0 && (word_in(p - 1, recurring_prefixes) ||
                          (kind_is(p - 1, TokenKind::number) && tokens_[p - 1].lower.size() <= 2)))
                first = p - 1;
        } else if (word_is(i, "each") || word_is(i, "every")) {
            k = every_unit_end(i + 1);
        } else if (word_is(i, "once") || word_is(i, "twice") || word_is(i, "thrice")) {
            k = per_unit_end(i + 1);
        } else if ((word_in(i, count_words) || kind_is(i, TokenKind::number)) &&
                   word_is(i + 1, "times")) {
            k = per_unit_end(i + 2);
        }
        if (k == 0)
            return std::nullopt;
        Match match;
        match.role = Role::recurring;
        match.shape = Match::Shape::none;
        match.first_token = first;
        match.end_token = k;
        // "Quarterly from April 2010": repeats from then; "Annually in March": repeats.
        std::size_t d = k;
        while (is_punctuation(d))
            ++d;
        bool from = false;
        if (word_in(d, recurring_start_links)) {
            from = true;
            ++d;
            if (word_is(d, "from") || word_is(d, "in") || word_is(d, "on"))
                ++d;
        } else if (word_in(d, recurring_links)) {
            ++d;
        }
        if (auto date = match_date_at(d, true); date && date->role == Role::deadline) {
            Match dated = *date;
            dated.role = Role::recurring;
            dated.keep_start = from;
            dated.first_token = first;
            return dated;
        }
        return match;
    }

    // After "each"/"every": a unit, a count and a unit, a month or season, or a few words and
    // a unit ("each Children's Trust Board meeting"). Returns one past it, or 0.
    std::size_t every_unit_end(std::size_t k) const {
        if (word_in(k, count_words) ||
            (kind_is(k, TokenKind::number) && tokens_[k].lower.size() <= 2))
            ++k;
        if (const Token* t = at(k); t && t->kind == TokenKind::word &&
                                    (month_at(k) != 0 || season_of(t->lower) != Season::none))
            return k + 1;
        for (std::size_t words = 0; words <= 6; ++words, ++k) {
            if (word_in(k, recurring_units))
                return k + 1;
            const Token* t = at(k);
            if (!t || !(t->kind == TokenKind::word || t->kind == TokenKind::apostrophe) ||
                word_in(k, function_words))
                return 0;
        }
        return 0;
    }

    // After "once", "twice", "three times": "a year", "per term", "each month", "yearly".
    std::size_t per_unit_end(std::size_t k) const {
        if (word_in(k, recurring_words))
            return k + 1;
        if (word_is(k, "a") || word_is(k, "an") || word_is(k, "per") || word_is(k, "each") ||
            word_is(k, "every"))
            ++k;
        return word_in(k, recurring_units) ? k + 1 : 0;
    }

    // "w/c 12 April 2010", "week commencing", "w/b", "wc": the Monday-to-Sunday week holding
    // that day. "w/e", "week ending": the week ending that day. Only before a single day.
    std::optional<Match> match_week(std::size_t i) const {
        std::size_t k = 0;
        Week week = Week::none;
        auto letter = [&](std::size_t t) -> Week {
            if (word_is(t, "c") || word_is(t, "b"))
                return Week::commencing;
            if (word_is(t, "e"))
                return Week::ending;
            return Week::none;
        };
        if (word_is(i, "wc") || word_is(i, "wb")) {
            week = Week::commencing;
            k = i + 1;
        } else if (word_is(i, "we")) {
            week = Week::ending;
            k = i + 1;
        } else if (word_is(i, "w") && kind_is(i + 1, TokenKind::slash) &&
                   tokens_[i + 1].lower == "/" && gap_before(i + 1).empty() &&
                   gap_before(i + 2).empty()) {
            week = letter(i + 2);
            k = i + 3;
        } else if (word_is(i, "w") && gap_before(i + 1) == ".") {
            week = letter(i + 1); // "w.c." (the full stops are not tokens)
            k = i + 2;
        } else if (word_is(i, "week") || word_is(i, "wk")) {
            if (word_in(i + 1, week_start_words))
                week = Week::commencing;
            else if (word_in(i + 1, week_end_words))
                week = Week::ending;
            k = i + 2;
        }
        if (week == Week::none)
            return std::nullopt;
        if (!word_is(i, "we") && (word_is(k, "on") || word_is(k, "the")))
            ++k;
        if (word_in(k, weekday_names))
            ++k;
        auto day = match_year_first(k);
        if (!day)
            day = match_numeric(k);
        if (!day)
            day = match_day_month(k, true);
        if (!day || day->role != Role::deadline)
            return std::nullopt;
        day->first_token = i;
        day->week = week;
        return day;
    }

    // [SECTION] Dates

    // ISO 2010-03-31 (and 2010/03/31, 2010.03.31): year first, so never ambiguous. A date that
    // does not exist ("2010-02-30") is read as nothing rather than as the year "2010-02".
    std::optional<Match> match_year_first(std::size_t j) const {
        const Token* year = at(j);
        if (!year || year->kind != TokenKind::number || year->lower.size() != 4 ||
            !plausible_year(year->value))
            return std::nullopt;
        const Token* sep1 = at(j + 1);
        const Token* sep2 = at(j + 3);
        if (!sep1 || !sep2 || !(sep1->kind == TokenKind::dash || sep1->kind == TokenKind::slash) ||
            sep2->kind != sep1->kind || sep2->lower != sep1->lower ||
            !kind_is(j + 2, TokenKind::number) || !kind_is(j + 4, TokenKind::number))
            return std::nullopt;
        const Token& month = tokens_[j + 2];
        const Token& day = tokens_[j + 4];
        if (month.lower.size() > 2 || day.lower.size() > 2)
            return std::nullopt;
        Match match;
        match.end_token = j + 5;
        match.date_first = j;
        match.date_end = j + 5;
        Date date = make_date(year->value, unsigned(month.value), unsigned(day.value));
        if (!date.ok()) {
            match.role = Role::skip;
            match.shape = Match::Shape::none;
            match.impossible = why_not_a_day(day.value, month.value, year->value);
            return match;
        }
        match.shape = Match::Shape::exact;
        match.year = year->value;
        match.first_month = match.last_month = month.value;
        match.day = unsigned(day.value);
        return match;
    }

    // dd/mm/yyyy, dd/mm/yy (UK order).
    std::optional<Match> match_numeric(std::size_t j) const {
        if (!kind_is(j, TokenKind::number) || !kind_is(j + 1, TokenKind::slash) ||
            !kind_is(j + 2, TokenKind::number) || !kind_is(j + 3, TokenKind::slash) ||
            !kind_is(j + 4, TokenKind::number))
            return std::nullopt;
        const Token& day = tokens_[j];
        const Token& month = tokens_[j + 2];
        auto year = year_of(tokens_[j + 4]);
        if (day.lower.size() > 2 || month.lower.size() > 2 || !year)
            return std::nullopt;
        Match match;
        match.end_token = j + 5;
        match.date_first = j;
        match.date_end = j + 5;
        Date date = make_date(*year, unsigned(month.value), unsigned(day.value));
        if (!date.ok()) {
            // Read as nothing (a day that does not exist is no date), but said why.
            match.role = Role::skip;
            match.shape = Match::Shape::none;
            match.impossible = why_not_a_day(day.value, month.value, *year);
            // "06/30/2010": written month first.
            if (month.value > 12 && why_not_a_day(month.value, day.value, *year).empty())
                match.impossible += " (dates are read day first: " + month.lower +
                                    tokens_[j + 1].lower + day.lower + tokens_[j + 3].lower +
                                    tokens_[j + 4].lower + ")";
            return match;
        }
        match.shape = Match::Shape::exact;
        match.year = *year;
        match.first_month = match.last_month = month.value;
        match.day = unsigned(day.value);
        return match;
    }

    // A year after a month or season: "2009", "09", "'09", "2009/10" (the first year).
    std::optional<int> trailing_year(std::size_t& k) const {
        std::size_t start = k;
        bool apostrophe = kind_is(k, TokenKind::apostrophe);
        if (apostrophe || attached_dash_year(k))
            ++k; // "'09"; "Apr-09", "12-Jun-10": spreadsheet dates
        const Token* t = at(k);
        if (!t || t->kind != TokenKind::number) {
            k = start;
            return std::nullopt;
        }
        if ((apostrophe && t->lower.size() != 2) ||
            (t->lower.size() != 4 && t->lower.size() != 2)) {
            k = start;
            return std::nullopt;
        }
        auto year = year_of(*t);
        if (!year) {
            k = start;
            return std::nullopt;
        }
        // A two-digit number right after a month is a year only when nothing suggests a day
        // ("June 15 meeting" is not handled; UK plans write the day first).
        ++k;
        return year;
    }

    // A dash written tight between a month and a year, as spreadsheets print "mmm-yy":
    // "Apr-09". Not "April - 30 sites", and not the start of a numeric date ("Jun-12-2010").
    bool attached_dash_year(std::size_t k) const {
        if (!kind_is(k, TokenKind::dash) || !kind_is(k + 1, TokenKind::number) ||
            !gap_before(k).empty() || !gap_before(k + 1).empty())
            return false;
        std::size_t digits = tokens_[k + 1].lower.size();
        if (digits != 2 && digits != 4)
            return false;
        return !((kind_is(k + 2, TokenKind::dash) || kind_is(k + 2, TokenKind::slash)) &&
                 kind_is(k + 3, TokenKind::number));
    }

    // "12 March 2009", "1st April", "12-Jun-10".
    std::optional<Match> match_day_month(std::size_t j, bool is_introduced) const {
        const Token* day = at(j);
        if (!day || day->kind != TokenKind::number || day->lower.size() > 2 || day->value < 1 ||
            day->value > 31)
            return std::nullopt;
        std::size_t k = j + 1;
        if (kind_is(k, TokenKind::dash) && gap_before(k).empty() && gap_before(k + 1).empty())
            ++k; // "12-Jun-10"
        else if (word_is(k, "of"))
            ++k;
        const Token* month = at(k);
        if (!month || month->kind != TokenKind::word || month_at(k) == 0)
            return std::nullopt;
        Match match;
        match.shape = Match::Shape::exact;
        match.first_month = match.last_month = month_at(k);
        match.date_first = j;
        ++k;
        match.day = unsigned(day->value);
        match.year = trailing_year(k);
        if (!match.year && !is_introduced && month->lower == "may")
            return std::nullopt;
        match.end_token = k;
        match.date_end = k;
        return match;
    }

    // A range of months or seasons follows `k`: a connector, then a month or season with a
    // year ("autumn - spring 2010").
    bool range_follows(std::size_t k) const {
        if (!(kind_is(k, TokenKind::dash) || word_in(k, range_words)))
            return false;
        const Token* t = at(k + 1);
        if (!t || t->kind != TokenKind::word ||
            (month_at(k + 1) == 0 && season_of(t->lower) == Season::none))
            return false;
        std::size_t y = k + 2;
        return trailing_year(y).has_value();
    }

    // "June 2009", "Sept 2009", "Oct 09", "Jan/Feb 2010", "July/August 2009", "June".
    std::optional<Match> match_month(std::size_t j, bool is_introduced, bool by_word) const {
        const Token* first = at(j);
        if (!first || first->kind != TokenKind::word)
            return std::nullopt;
        int first_month = month_at(j);
        if (first_month == 0)
            return std::nullopt;
        std::size_t k = j + 1;
        int last_month = first_month;
        if ((kind_is(k, TokenKind::slash) || kind_is(k, TokenKind::dash) || word_is(k, "to")) &&
            at(k + 1) && tokens_[k + 1].kind == TokenKind::word && month_at(k + 1) != 0) {
            last_month = month_at(k + 1);
            k += 2;
        }
        Match match;
        match.first_month = first_month;
        match.last_month = last_month;
        match.year = trailing_year(k);
        bool is_range = last_month != first_month;
        // A month with no year counts only where a deadline word introduces it: "may" is a verb.
        bool welsh = welsh_month_number(first->lower) != 0;
        if (!match.year && !(welsh ? by_word : is_introduced) && !is_range && !range_follows(k))
            return std::nullopt;
        match.end_token = k;
        return match;
    }

    // "autumn 2009", "Winter 2009/10", "the autumn".
    std::optional<Match> match_season(std::size_t j, bool is_introduced) const {
        const Token* t = at(j);
        if (!t || t->kind != TokenKind::word || season_of(t->lower) == Season::none)
            return std::nullopt;
        if (word_is(j + 1, "term"))
            return match_term(j, is_introduced);
        std::size_t k = j + 1;
        Match match;
        match.season = season_of(t->lower);
        match.year = trailing_year(k);
        if (match.year && kind_is(k, TokenKind::slash) && kind_is(k + 1, TokenKind::number))
            k += 2; // "Winter 2009/10": the season starts in the first year
        if (!match.year) {
            bool after_the = j > 0 && word_is(j - 1, "the");
            if (!is_introduced && !after_the && !range_follows(k))
                return std::nullopt;
            match.relative = true; // read against the plan's year
        }
        match.end_token = k;
        return match;
    }

    // School terms: "Autumn term 2009" is September to December, "Summer term 2010" April to
    // July; after an academic year ("Summer term 2009/10") the term is in its calendar year.
    // "Spring term" ends before Easter, late March or mid April: no month can be trusted, so it
    // reads as nothing rather than as the meteorological spring.
    std::optional<Match> match_term(std::size_t j, bool is_introduced) const {
        Season season = season_of(tokens_[j].lower);
        std::size_t k = j + 2;
        Match match;
        match.year = trailing_year(k);
        bool academic =
            match.year && kind_is(k, TokenKind::slash) && kind_is(k + 1, TokenKind::number);
        if (academic)
            k += 2;
        match.end_token = k;
        if (season == Season::spring || season == Season::winter) {
            match.role = Role::skip;
            match.shape = Match::Shape::none;
            return match;
        }
        if (!match.year && !is_introduced && !(j > 0 && word_is(j - 1, "the")))
            return std::nullopt;
        bool autumn = season == Season::autumn;
        match.first_month = autumn ? 9 : 4;
        match.last_month = autumn ? 12 : 7;
        if (academic && !autumn)
            match.year = *match.year + 1;
        return match;
    }

    // The quarter number named at `j` ("Q2", "Qtr 2", "Quarter 2", "2nd quarter", "second
    // quarter"), 0 if none; `end` is set one past it.
    int quarter_at(std::size_t j, std::size_t& end) const {
        const Token* t = at(j);
        if (!t)
            return 0;
        auto digit = [](const Token& token) {
            bool quarter = token.kind == TokenKind::number && token.lower.size() == 1 &&
                           token.value >= 1 && token.value <= 4;
            return quarter ? token.value : 0;
        };
        if (t->kind == TokenKind::word) {
            const std::string& w = t->lower;
            // Welsh: "Ch2" (chwarter 2), "Chwarter 2", "chwarter dau".
            for (std::string_view prefix : {"q", "qtr", "ch"}) {
                if (w.size() == prefix.size() + 1 && w.compare(0, prefix.size(), prefix) == 0 &&
                    w.back() >= '1' && w.back() <= '4') {
                    end = j + 1;
                    return w.back() - '0';
                }
            }
            if ((w == "quarter" || w == "qtr" || w == "chwarter") && at(j + 1)) {
                constexpr std::array<std::string_view, 4> numbers{"one", "two", "three", "four"};
                constexpr std::array<std::string_view, 4> welsh{"un", "dau", "tri", "pedwar"};
                int number = digit(tokens_[j + 1]);
                for (std::size_t n = 0; n < numbers.size() && number == 0; ++n) {
                    if (tokens_[j + 1].lower == (w == "chwarter" ? welsh[n] : numbers[n]))
                        number = int(n) + 1;
                }
                if (number != 0) {
                    end = j + 2;
                    return number;
                }
            }
            constexpr std::array<std::string_view, 4> ordinals{"first", "second", "third",
                                                               "fourth"};
            for (std::size_t n = 0; n < ordinals.size(); ++n) {
                if (w == ordinals[n] && word_is(j + 1, "quarter")) {
                    end = j + 2;
                    return int(n) + 1;
                }
            }
            return 0;
        }
        // "2nd quarter": the ordinal suffix makes the token longer than its digits.
        if (digit(*t) != 0 && t->end - t->begin > t->lower.size() && word_is(j + 1, "quarter")) {
            end = j + 2;
            return digit(*t);
        }
        return 0;
    }

    // "Q1 2010" (calendar), "Q1 2010/11" (financial: Q1 = April to June), "Q2" (the financial
    // year holding the reporting date). Welsh "Ch2" with no year counts only after Welsh "erbyn"
    // (by) or a Welsh modifier ("erbyn Ch2", "diwedd Ch2"): elsewhere it can be "chapter 2"
    // ("as set out in Ch2").
    std::optional<Match> match_quarter(std::size_t j) const {
        std::size_t k = 0;
        int quarter = quarter_at(j, k);
        if (quarter == 0)
            return std::nullopt;
        bool welsh_short = tokens_[j].kind == TokenKind::word && tokens_[j].lower.size() == 3 &&
                           tokens_[j].lower.compare(0, 2, "ch") == 0;
        if (word_is(k, "of") &&
            (kind_is(k + 1, TokenKind::number) || kind_is(k + 1, TokenKind::apostrophe)))
            ++k;
        Match match;
        match.quarter = quarter;
        // "Q2 09/10": after a quarter, two two-digit years in a row are a financial year (alone,
        // "09/10" could be 9 October).
        if (kind_is(k, TokenKind::number) && kind_is(k + 1, TokenKind::slash) &&
            kind_is(k + 2, TokenKind::number) && tokens_[k].lower.size() == 2 &&
            tokens_[k + 2].lower.size() == 2 &&
            tokens_[k + 2].value == (tokens_[k].value + 1) % 100) {
            match.year = 2000 + tokens_[k].value;
            match.financial = true;
            match.end_token = k + 3;
            return match;
        }
        if (auto fy = financial_year_at(k)) {
            match.year = fy->first;
            match.financial = true;
            match.end_token = fy->second;
            return match;
        }
        match.year = trailing_year(k);
        if (!match.year) {
            if (welsh_short && !after_welsh_deadline_word(j))
                return std::nullopt;
            match.year = financial_year_of(reporting_);
            match.financial = true;
            match.relative = true; // lends its year to no other date
            match.year_from_reporting = true;
        }
        match.end_token = k;
        return match;
    }

    // "2010/11", "2010-11", "2009/2010": returns the first year and the token after.
    std::optional<std::pair<int, std::size_t>> financial_year_at(std::size_t k) const {
        const Token* first = at(k);
        if (!first || first->kind != TokenKind::number || first->lower.size() != 4 ||
            !plausible_year(first->value))
            return std::nullopt;
        if (!(kind_is(k + 1, TokenKind::slash) || kind_is(k + 1, TokenKind::dash)) ||
            !kind_is(k + 2, TokenKind::number))
            return std::nullopt;
        const Token& second = tokens_[k + 2];
        bool follows = (second.lower.size() == 2 && second.value == (first->value + 1) % 100) ||
                       (second.lower.size() == 4 && second.value == first->value + 1);
        if (!follows)
            return std::nullopt;
        return std::pair{first->value, k + 3};
    }

    std::optional<Match> match_financial_year(std::size_t j) const {
        auto fy = financial_year_at(j);
        if (!fy)
            return std::nullopt;
        Match match;
        match.year = fy->first;
        match.financial = true;
        match.whole_year = true;
        match.end_token = fy->second;
        return match;
    }

    // "this year", "later this year", "next year", "the end of the year"; from the reporting
    // date: "this month", "next month", "this quarter", "the current financial year".
    std::optional<Match> match_relative(std::size_t j) const {
        std::size_t k = j;
        if (word_is(k, "later"))
            ++k;
        int offset = 0;
        bool the = word_is(k, "the");
        if (word_is(k, "this") || word_is(k, "current") || the)
            offset = 0;
        else if (word_is(k, "next"))
            offset = 1;
        else
            return std::nullopt;
        std::size_t u = k + 1;
        if (the && word_is(u, "current"))
            ++u;
        bool financial = word_is(u, "financial") || word_is(u, "fiscal");
        if (financial)
            ++u;
        Match match;
        match.relative = true;
        match.end_token = u + 1;
        if (word_is(u, "year") && !financial) {
            match.whole_year = true;
            match.year_offset = offset;
            return match;
        }
        if (!reporting_.ok())
            return std::nullopt;
        // The rest count from the reporting date; their years are lent to no other date.
        match.year_from_reporting = true;
        if (word_is(u, "year")) {
            match.whole_year = true;
            match.financial = true;
            match.year = financial_year_of(reporting_) + offset;
            return match;
        }
        // "the month" or "the quarter" could be any: only "this" and "next" say which.
        if (financial || the)
            return std::nullopt;
        int month = int(unsigned(reporting_.month()));
        int year = int(reporting_.year());
        if (word_is(u, "month")) {
            int index = month - 1 + offset;
            match.year = year + index / 12;
            match.first_month = match.last_month = index % 12 + 1;
            return match;
        }
        if (word_is(u, "quarter")) {
            int quarter = (month + 8) % 12 / 3 + 1 + offset; // April-June is Q1
            match.year = financial_year_of(reporting_) + (quarter > 4 ? 1 : 0);
            match.quarter = (quarter - 1) % 4 + 1;
            match.financial = true;
            return match;
        }
        return std::nullopt;
    }

    // "by 2011", "from 2010", "2009 onwards", or a year standing alone.
    std::optional<Match> match_year(std::size_t j, bool is_introduced) const {
        const Token* t = at(j);
        if (!t || t->kind != TokenKind::number || t->lower.size() != 4 || !plausible_year(t->value))
            return std::nullopt;
        // "2010/12" or "2010-12" is neither a financial year nor a plain year: leave it unread.
        if ((kind_is(j + 1, TokenKind::slash) || kind_is(j + 1, TokenKind::dash)) &&
            kind_is(j + 2, TokenKind::number))
            return std::nullopt;
        bool onwards = word_is(j + 1, "onwards") || word_is(j + 1, "onward");
        if (!is_introduced && !onwards)
            return std::nullopt;
        Match match;
        match.year = t->value;
        match.whole_year = true;
        match.end_token = j + 1;
        return match;
    }

    // [SECTION] Whole readings

    // "March 2010 - Complete", "Review by June 2009 (completed)", "Status: done": a done word
    // that ends its reading, set off by punctuation, marks that reading's dates complete.
    void mark_trailing_done(std::vector<Match>& matches) const {
        std::vector<Match> marked;
        std::size_t next = 0;
        for (std::size_t begin = 0; begin < tokens_.size();) {
            std::size_t end = segment_end(begin);
            std::vector<Match> in_segment;
            while (next < matches.size() && matches[next].first_token < end)
                in_segment.push_back(matches[next++]);
            std::size_t last = end > begin ? end - 1 : begin;
            std::size_t word = last;
            bool done_word =
                end > begin && at(last) && tokens_[last].kind == TokenKind::word &&
                (tokens_[last].lower == "complete" || is_done_participle(tokens_[last].lower));
            if (!done_word && end > begin + 1 && word_is(last, "place") &&
                word_is(last - 1, "in")) {
                done_word = true;
                word = last - 1;
            }
            bool covered = std::any_of(in_segment.begin(), in_segment.end(), [&](const Match& m) {
                return m.role == Role::done || m.end_token > word;
            });
            if (done_word && !covered && !segment_start(word) && set_off(word)) {
                bool any = false;
                for (Match& match : in_segment) {
                    if (match.role == Role::deadline) {
                        match.role = Role::done;
                        match.onwards = false;
                        any = true;
                    }
                }
                if (!any) {
                    Match done;
                    done.role = Role::done;
                    done.shape = Match::Shape::none;
                    done.first_token = word;
                    done.end_token = end;
                    in_segment.push_back(done);
                }
            }
            marked.insert(marked.end(), in_segment.begin(), in_segment.end());
            begin = end + 1;
        }
        while (next < matches.size())
            marked.push_back(matches[next++]);
        matches = std::move(marked);
    }

    // A recurring word beside a date usually describes the work, not the deadline: "established
    // from May 2009 to meet quarterly" is due May 2009, "Annual report by June 2010" is due in
    // June. It is read beside other readings only as a clause of its own: "Audit March 2007 and
    // bi-annually", "June 2010, then annually". A recurring reading takes the place of a bare
    // "ongoing" in the same reading ("Annually/ongoing"): it says more.
    void settle_recurring(std::vector<Match>& matches) const {
        auto segment_of = [&](const Match& m) {
            return m.first_token < segment_.size() ? std::size_t(segment_[m.first_token]) : 0;
        };
        auto bare_ongoing = [](const Match& m) {
            return m.role == Role::ongoing && !m.starts_now && m.shape == Match::Shape::none;
        };
        auto dateless_recurring = [](const Match& m) {
            return m.role == Role::recurring && m.shape == Match::Shape::none;
        };
        // Per reading: whether it holds something other than recurring words and a bare
        // "ongoing", and whether a recurring reading is kept in it. Linear, whatever the input.
        std::size_t segments = segment_.empty() ? 1 : std::size_t(segment_.back()) + 1;
        std::vector<bool> has_other(segments, false);
        std::vector<bool> has_recurring(segments, false);
        for (const Match& m : matches) {
            if (m.role != Role::recurring && m.role != Role::skip && !bare_ongoing(m))
                has_other[segment_of(m)] = true;
        }
        std::vector<Match> kept;
        for (const Match& m : matches) {
            if (dateless_recurring(m) && has_other[segment_of(m)] && !stands_alone(m))
                continue;
            if (m.role == Role::recurring)
                has_recurring[segment_of(m)] = true;
            kept.push_back(m);
        }
        std::vector<Match> settled;
        for (const Match& m : kept) {
            if (!(bare_ongoing(m) && has_recurring[segment_of(m)]))
                settled.push_back(m);
        }
        matches = std::move(settled);
    }

    // A clause of its own: after the start of the reading, "and", "then", "thereafter" or
    // punctuation, and before its end, punctuation, "and", "then" or "thereafter".
    bool stands_alone(const Match& match) const {
        std::size_t first = match.first_token;
        std::size_t end = match.end_token;
        bool opens = segment_start(first) || set_off(first) || word_is(first - 1, "and") ||
                     word_is(first - 1, "then") || word_is(first - 1, "thereafter");
        bool closes = clause_break(end) || word_is(end, "and") || word_is(end, "then") ||
                      word_is(end, "thereafter");
        return opens && closes;
    }

    // "32 March 2010", "0-Mar-10": a number that is no day in the place of one, before a month
    // and a year (the reader reads the month and drops the number).
    std::optional<Match> no_such_day_before_month(std::size_t j) const {
        const Token* day = at(j);
        if (!day || day->kind != TokenKind::number || day->lower.size() > 2 ||
            (day->value >= 1 && day->value <= 31))
            return std::nullopt;
        std::size_t k = j + 1;
        if (kind_is(k, TokenKind::dash) && gap_before(k).empty() && gap_before(k + 1).empty())
            ++k;
        else if (word_is(k, "of"))
            ++k;
        if (month_at(k) == 0)
            return std::nullopt;
        ++k;
        if (!trailing_year(k))
            return std::nullopt;
        Match match;
        match.role = Role::skip;
        match.shape = Match::Shape::none;
        match.end_token = k;
        match.date_first = j;
        match.date_end = k;
        match.impossible = "there is no day " + std::to_string(day->value);
        return match;
    }

public:
    // Every date written as a day, in the forms the matcher reads as one (numeric, ISO, "31
    // April 2010"), that is not a day: wherever it stands, even where the text is not read (after
    // a done word). With no year, only a day no year has ("31 September").
    std::vector<ImpossibleDate> impossible_dates() const {
        std::vector<ImpossibleDate> found;
        std::size_t i = 0;
        while (i < tokens_.size()) {
            std::optional<Match> match = match_year_first(i);
            if (!match)
                match = match_numeric(i);
            if (!match)
                match = match_day_month(i, true);
            if (!match)
                match = no_such_day_before_month(i);
            if (!match) {
                ++i;
                continue;
            }
            std::string why = match->impossible;
            if (why.empty() && match->shape == Match::Shape::exact)
                why = why_not_a_day(int(match->day), match->first_month, match->year);
            if (!why.empty() && match->date_end > match->date_first) {
                std::size_t begin = tokens_[match->date_first].begin;
                std::size_t end = tokens_[match->date_end - 1].end;
                found.push_back({std::string(text_.substr(begin, end - begin)), std::move(why)});
            }
            i = std::max(match->end_token, i + 1);
        }
        return found;
    }

    static Period period_of(const Match& match) {
        int year = *match.year;
        if (match.shape == Match::Shape::exact) {
            Date day = make_date(year, unsigned(match.first_month), match.day);
            if (match.week == Week::none || !day.ok())
                return {day, day};
            if (match.week == Week::ending)
                return {add_days(day, -6), day};
            // Weeks run Monday to Sunday: the week holding the day.
            unsigned weekday = std::chrono::weekday{std::chrono::sys_days{day}}.iso_encoding();
            Date monday = add_days(day, -int(weekday - 1));
            return {monday, add_days(monday, 6)};
        }
        if (match.season != Season::none)
            return season_period(match.season, year);
        if (match.quarter != 0) {
            if (match.financial) {
                int first = 4 + (match.quarter - 1) * 3; // Q1 = April
                int quarter_year = first > 12 ? year + 1 : year;
                first = (first - 1) % 12 + 1;
                return month_period(quarter_year, first, first + 2);
            }
            int first = 1 + (match.quarter - 1) * 3;
            return month_period(year, first, first + 2);
        }
        if (match.whole_year) {
            if (match.financial)
                return {make_date(year, 4, 1), make_date(year + 1, 3, 31)};
            return month_period(year, 1, 12);
        }
        if (match.last_month < match.first_month) // "Dec/Jan 2010": December of the year before
            return {make_date(year - 1, unsigned(match.first_month), 1),
                    last_day_of_month(year, unsigned(match.last_month))};
        return month_period(year, match.first_month, match.last_month);
    }
};

// Months and seasons written without a year take the year of the nearest dated expression after
// them in the same text ("by June and ... October 2009"), else before them, else the plan's.
// A completion date without a year is the latest one that began by the reporting date.
void fill_missing_years(std::vector<Match>& matches, Date reporting_date) {
    int plan_year = int(reporting_date.year());
    for (std::size_t i = 0; i < matches.size(); ++i) {
        Match& match = matches[i];
        if (match.year || match.shape == Match::Shape::none)
            continue;
        if (match.relative && match.whole_year) {
            match.year = plan_year + match.year_offset;
            continue;
        }
        if (match.role == Role::done) {
            match.year = plan_year;
            Period period = Matcher::period_of(match);
            if (period.first.ok() && period.first > reporting_date)
                match.year = plan_year - 1;
            continue;
        }
        for (std::size_t k = i + 1; k < matches.size() && !match.year; ++k) {
            if (matches[k].year && !matches[k].relative && matches[k].shape != Match::Shape::none)
                match.year = matches[k].year;
        }
        for (std::size_t k = i; k-- > 0 && !match.year;) {
            if (matches[k].year && !matches[k].relative && matches[k].shape != Match::Shape::none)
                match.year = matches[k].year;
        }
        if (!match.year)
            match.year = plan_year;
    }
}

std::string_view trim(std::string_view text) {
    const char* space = " \t\r\n";
    auto first = text.find_first_not_of(space);
    if (first == std::string_view::npos)
        return {};
    auto last = text.find_last_not_of(space);
    return text.substr(first, last - first + 1);
}

} // namespace

// [SECTION] Public

std::string_view to_string(MilestoneKind kind) {
    switch (kind) {
    case MilestoneKind::dated:
        return "dated";
    case MilestoneKind::ongoing:
        return "ongoing";
    case MilestoneKind::recurring:
        return "recurring";
    case MilestoneKind::complete:
        return "complete";
    case MilestoneKind::unscheduled:
        return "unscheduled";
    }
    return "unscheduled";
}

std::vector<ImpossibleDate> impossible_dates(std::string_view text) {
    std::vector<Token> tokens = tokenize(text);
    // The reporting date plays no part in whether a written day exists.
    return Matcher(text, tokens, make_date(2000, 1, 1)).impossible_dates();
}

bool is_open_ended(MilestoneKind kind) {
    return kind == MilestoneKind::ongoing || kind == MilestoneKind::recurring;
}

std::vector<DeadlineReading> read_deadline(std::string_view text, Date reporting_date) {
    std::vector<Token> tokens = tokenize(text);
    std::vector<Match> matches = Matcher(text, tokens, reporting_date).find_all();
    fill_missing_years(matches, reporting_date);

    std::vector<DeadlineReading> readings;
    // Open-ended kinds and "now" say the same thing however often a text repeats them.
    bool ongoing_seen = false;
    bool recurring_seen = false;
    bool now_seen = false;
    for (const Match& match : matches) {
        if (match.role == Role::skip || match.first_token >= tokens.size())
            continue;
        DeadlineReading reading;
        std::size_t phrase_end = match.phrase_end != 0 ? match.phrase_end : match.end_token;
        phrase_end = std::clamp(phrase_end, match.first_token + 1, tokens.size());
        std::size_t begin = tokens[match.first_token].begin;
        std::size_t end = tokens[phrase_end - 1].end;
        // "Achieved (Jan 2010)": the phrase closes the bracket it opened.
        std::string_view words = text.substr(begin, end - begin);
        if (end < text.size() && text[end] == ')' &&
            std::count(words.begin(), words.end(), '(') >
                std::count(words.begin(), words.end(), ')'))
            ++end;
        reading.phrase = std::string(text.substr(begin, end - begin));

        std::optional<Period> period;
        std::optional<Date> due;
        if (match.shape != Match::Shape::none && match.year) {
            Period p = Matcher::period_of(match);
            if (p.first.ok() && p.last.ok()) {
                period = p;
                due = match.range_due ? *match.range_due
                                      : apply_modifier(p, match.modifier, match.whole_year);
            }
        }

        switch (match.role) {
        case Role::skip:
            continue;
        case Role::ongoing:
            if (ongoing_seen)
                continue;
            ongoing_seen = true;
            reading.kind = MilestoneKind::ongoing;
            if (match.starts_now && reporting_date.ok())
                reading.start = reporting_date;
            else if (period)
                reading.start = period->first;
            break;
        case Role::recurring:
            if (recurring_seen)
                continue;
            recurring_seen = true;
            reading.kind = MilestoneKind::recurring;
            if (period && match.keep_start)
                reading.start = period->first;
            break;
        case Role::now:
            if (now_seen || !reporting_date.ok())
                continue;
            now_seen = true;
            reading.kind = MilestoneKind::dated;
            reading.start = reporting_date;
            reading.due = reporting_date;
            break;
        case Role::done:
            // A completion date that is not a day ("Completed 31 Sept") is left out; the
            // completion is still read.
            reading.kind = MilestoneKind::complete;
            if (period) {
                reading.start = period->first;
                reading.due = due;
            }
            break;
        case Role::deadline:
            if (!period)
                continue; // "31 Sept", "29 February 2011": not a day, so not a date
            reading.start = period->first;
            if (match.onwards) {
                reading.kind = MilestoneKind::ongoing;
            } else {
                reading.kind = MilestoneKind::dated;
                reading.due = due;
            }
            break;
        }
        readings.push_back(std::move(reading));
    }
    if (readings.empty()) {
        DeadlineReading reading;
        reading.kind = MilestoneKind::unscheduled;
        reading.phrase = std::string(trim(text));
        readings.push_back(std::move(reading));
    }
    return readings;
}

} // namespace actionboard
