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

bool is_alpha(unsigned char c) { return std::isalpha(c) != 0; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// Splits into words, numbers and the little punctuation that matters for dates. Everything else
// (commas, full stops, non-ASCII) only separates. ';' and newlines separate readings.
std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < text.size()) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (is_alpha(c)) {
            std::size_t start = i;
            std::string lower;
            while (i < text.size() && (is_alpha(static_cast<unsigned char>(text[i])) ||
                                       is_digit(static_cast<unsigned char>(text[i])))) {
                lower.push_back(char(std::tolower(static_cast<unsigned char>(text[i]))));
                ++i;
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
                bool ends_word = i + 2 >= text.size() ||
                                 !is_alpha(static_cast<unsigned char>(text[i + 2]));
                if (ends_word && (suffix == "st" || suffix == "nd" || suffix == "rd" ||
                                  suffix == "th"))
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
        } else if (c == ';' || c == '\n') {
            tokens.push_back({TokenKind::separator, ";", i, i + 1});
            ++i;
        } else if (c == '.' && i + 1 < text.size() && is_digit(static_cast<unsigned char>(text[i + 1])) &&
                   !tokens.empty() && tokens.back().kind == TokenKind::number &&
                   tokens.back().end == i) {
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
    {"january", 1}, {"jan", 1},   {"february", 2},  {"feb", 2},      {"march", 3},
    {"mar", 3},     {"april", 4}, {"apr", 4},       {"may", 5},      {"june", 6},
    {"jun", 6},     {"july", 7},  {"jul", 7},       {"august", 8},   {"aug", 8},
    {"september", 9}, {"sept", 9}, {"sep", 9},      {"october", 10}, {"oct", 10},
    {"november", 11}, {"nov", 11}, {"december", 12}, {"dec", 12},
}};

int month_number(std::string_view word) {
    for (auto [name, number] : month_names) {
        if (word == name)
            return number;
    }
    return 0;
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

Modifier modifier_of(std::string_view word) {
    if (word == "early" || word == "beginning" || word == "start")
        return Modifier::early;
    if (word == "mid" || word == "middle")
        return Modifier::mid;
    if (word == "late" || word == "end")
        return Modifier::late;
    return Modifier::none;
}

// Words after which a bare year or a month without a year is read as a deadline.
constexpr std::array<std::string_view, 15> trigger_words{
    "by", "from", "in",     "until",      "till",     "before", "during", "for",
    "on", "within", "due",  "commencing", "starting", "after",  "to"};

bool is_trigger(std::string_view word) {
    return std::find(trigger_words.begin(), trigger_words.end(), word) != trigger_words.end();
}

bool is_from(std::string_view word) {
    return word == "from" || word == "commencing" || word == "starting" || word == "after";
}

// [SECTION] Periods

struct Period {
    Date first;
    Date last;
};

Period month_period(int year, int first_month, int last_month) {
    return {make_date(year, unsigned(first_month), 1), last_day_of_month(year, unsigned(last_month))};
}

Period season_period(Season season, int year) {
    switch (season) {
    case Season::spring: return month_period(year, 3, 5);
    case Season::summer: return month_period(year, 6, 8);
    case Season::autumn: return month_period(year, 9, 11);
    case Season::winter:
    case Season::none: break;
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

bool plausible_year(int year) { return year >= 1900 && year <= 2199; }

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

// [SECTION] Matching

// One date expression found in the text, before years are filled in.
struct Match {
    std::size_t first_token = 0;
    std::size_t end_token = 0; // one past the last token used
    enum class Shape { period, exact, ongoing } shape = Shape::period;
    // For months and seasons written without a year, the year comes from the text around them.
    std::optional<int> year;
    int first_month = 0; // months: 1-12
    int last_month = 0;
    unsigned day = 0;     // exact dates
    Season season = Season::none;
    int quarter = 0;
    bool financial = false; // quarters and years of the UK financial year (April to March)
    bool whole_year = false;
    int year_offset = 0; // relative phrases: plan year + offset
    bool relative = false;
    Modifier modifier = Modifier::none;
    bool onwards = false; // "from 2009 onwards": no end
};

class Matcher {
public:
    explicit Matcher(const std::vector<Token>& tokens) : tokens_(tokens) {}

    std::vector<Match> find_all() {
        std::vector<Match> matches;
        std::size_t i = 0;
        while (i < tokens_.size()) {
            if (auto match = match_at(i)) {
                i = match->end_token;
                matches.push_back(*match);
            } else {
                ++i;
            }
        }
        return matches;
    }

private:
    const std::vector<Token>& tokens_;

    const Token* at(std::size_t i) const { return i < tokens_.size() ? &tokens_[i] : nullptr; }
    bool word_is(std::size_t i, std::string_view word) const {
        const Token* t = at(i);
        return t && t->kind == TokenKind::word && t->lower == word;
    }
    bool kind_is(std::size_t i, TokenKind kind) const {
        const Token* t = at(i);
        return t && t->kind == kind;
    }

    // Is the token before `i` a word that introduces a deadline, or the start of a reading?
    bool introduced(std::size_t i) const {
        if (i == 0 || kind_is(i - 1, TokenKind::separator))
            return true;
        const Token& previous = tokens_[i - 1];
        return previous.kind == TokenKind::word && is_trigger(previous.lower);
    }

    std::optional<Match> match_at(std::size_t i) const {
        if (word_is(i, "ongoing") || (word_is(i, "on") && kind_is(i + 1, TokenKind::dash) &&
                                      word_is(i + 2, "going"))) {
            Match match;
            match.first_token = i;
            match.end_token = word_is(i, "ongoing") ? i + 1 : i + 3;
            match.shape = Match::Shape::ongoing;
            return match;
        }

        // Optional modifier: "end", "end of", "the end of", "mid-", "early".
        std::size_t j = i;
        Modifier modifier = Modifier::none;
        if (word_is(j, "the") && at(j + 1) && modifier_of(tokens_[j + 1].lower) != Modifier::none)
            ++j;
        if (const Token* t = at(j); t && t->kind == TokenKind::word &&
                                    modifier_of(t->lower) != Modifier::none) {
            std::size_t k = j + 1;
            if (kind_is(k, TokenKind::dash))
                ++k;
            if (word_is(k, "of"))
                ++k;
            if (word_is(k, "the"))
                ++k;
            if (at(k) && starts_date(k)) {
                modifier = modifier_of(t->lower);
                j = k;
            }
        }
        bool has_modifier = modifier != Modifier::none;
        bool is_introduced = has_modifier || introduced(i);

        std::optional<Match> match = match_numeric(j);
        if (!match)
            match = match_day_month(j, is_introduced);
        if (!match)
            match = match_month(j, is_introduced);
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
        return t.kind == TokenKind::word &&
               (month_number(t.lower) != 0 || season_of(t.lower) != Season::none ||
                t.lower == "this" || t.lower == "next" || t.lower == "year");
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
        Date date = make_date(*year, unsigned(month.value), unsigned(day.value));
        if (!date.ok())
            return std::nullopt;
        Match match;
        match.end_token = j + 5;
        match.shape = Match::Shape::exact;
        match.year = *year;
        match.first_month = match.last_month = month.value;
        match.day = unsigned(day.value);
        return match;
    }

    // A year after a month or season: "2009", "09", "'09", "2009/10" (the first year).
    std::optional<int> trailing_year(std::size_t& k) const {
        std::size_t start = k;
        if (kind_is(k, TokenKind::apostrophe))
            ++k;
        const Token* t = at(k);
        if (!t || t->kind != TokenKind::number) {
            k = start;
            return std::nullopt;
        }
        bool apostrophe = k != start;
        if ((apostrophe && t->lower.size() != 2) || (t->lower.size() != 4 && t->lower.size() != 2)) {
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

    // "12 March 2009", "1st April".
    std::optional<Match> match_day_month(std::size_t j, bool is_introduced) const {
        const Token* day = at(j);
        if (!day || day->kind != TokenKind::number || day->lower.size() > 2 || day->value < 1 ||
            day->value > 31)
            return std::nullopt;
        std::size_t k = j + 1;
        if (word_is(k, "of"))
            ++k;
        const Token* month = at(k);
        if (!month || month->kind != TokenKind::word || month_number(month->lower) == 0)
            return std::nullopt;
        ++k;
        Match match;
        match.shape = Match::Shape::exact;
        match.first_month = match.last_month = month_number(month->lower);
        match.day = unsigned(day->value);
        match.year = trailing_year(k);
        if (!match.year && !is_introduced && month->lower == "may")
            return std::nullopt;
        match.end_token = k;
        return match;
    }

    // "June 2009", "Sept 2009", "Oct 09", "Jan/Feb 2010", "July/August 2009", "June".
    std::optional<Match> match_month(std::size_t j, bool is_introduced) const {
        const Token* first = at(j);
        if (!first || first->kind != TokenKind::word)
            return std::nullopt;
        int first_month = month_number(first->lower);
        if (first_month == 0)
            return std::nullopt;
        std::size_t k = j + 1;
        int last_month = first_month;
        if ((kind_is(k, TokenKind::slash) || kind_is(k, TokenKind::dash) || word_is(k, "to")) &&
            at(k + 1) && tokens_[k + 1].kind == TokenKind::word &&
            month_number(tokens_[k + 1].lower) != 0) {
            last_month = month_number(tokens_[k + 1].lower);
            k += 2;
        }
        Match match;
        match.first_month = first_month;
        match.last_month = last_month;
        match.year = trailing_year(k);
        bool is_range = last_month != first_month;
        // A month with no year counts only where a deadline word introduces it: "may" is a verb.
        if (!match.year && !is_introduced && !is_range)
            return std::nullopt;
        match.end_token = k;
        return match;
    }

    // "autumn 2009", "Winter 2009/10", "the autumn".
    std::optional<Match> match_season(std::size_t j, bool is_introduced) const {
        const Token* t = at(j);
        if (!t || t->kind != TokenKind::word || season_of(t->lower) == Season::none)
            return std::nullopt;
        std::size_t k = j + 1;
        Match match;
        match.season = season_of(t->lower);
        match.year = trailing_year(k);
        if (match.year && kind_is(k, TokenKind::slash) && kind_is(k + 1, TokenKind::number))
            k += 2; // "Winter 2009/10": the season starts in the first year
        if (!match.year) {
            bool after_the = j > 0 && word_is(j - 1, "the");
            if (!is_introduced && !after_the)
                return std::nullopt;
            match.relative = true; // read against the plan's year
        }
        match.end_token = k;
        return match;
    }

    // "Q1 2010" (calendar), "Q1 2010/11" (financial: Q1 = April to June).
    std::optional<Match> match_quarter(std::size_t j) const {
        const Token* t = at(j);
        if (!t || t->kind != TokenKind::word || t->lower.size() != 2 || t->lower[0] != 'q' ||
            t->lower[1] < '1' || t->lower[1] > '4')
            return std::nullopt;
        std::size_t k = j + 1;
        Match match;
        match.quarter = t->lower[1] - '0';
        if (auto fy = financial_year_at(k)) {
            match.year = fy->first;
            match.financial = true;
            match.end_token = fy->second;
            return match;
        }
        match.year = trailing_year(k);
        if (!match.year)
            return std::nullopt;
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

    // "this year", "later this year", "next year", "the end of the year".
    std::optional<Match> match_relative(std::size_t j) const {
        std::size_t k = j;
        if (word_is(k, "later"))
            ++k;
        int offset = 0;
        if (word_is(k, "this") || word_is(k, "the"))
            offset = 0;
        else if (word_is(k, "next"))
            offset = 1;
        else
            return std::nullopt;
        if (!word_is(k + 1, "year"))
            return std::nullopt;
        Match match;
        match.whole_year = true;
        match.relative = true;
        match.year_offset = offset;
        match.end_token = k + 2;
        return match;
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
};

// Months and seasons written without a year take the year of the nearest dated expression after
// them in the same text ("by June and ... October 2009"), else before them, else the plan's.
void fill_missing_years(std::vector<Match>& matches, int plan_year) {
    for (std::size_t i = 0; i < matches.size(); ++i) {
        Match& match = matches[i];
        if (match.year || match.shape == Match::Shape::ongoing)
            continue;
        if (match.relative && match.whole_year) {
            match.year = plan_year + match.year_offset;
            continue;
        }
        for (std::size_t k = i + 1; k < matches.size() && !match.year; ++k) {
            if (matches[k].year && !matches[k].relative)
                match.year = matches[k].year;
        }
        for (std::size_t k = i; k-- > 0 && !match.year;) {
            if (matches[k].year && !matches[k].relative)
                match.year = matches[k].year;
        }
        if (!match.year)
            match.year = plan_year;
    }
}

Period period_of(const Match& match) {
    int year = *match.year;
    if (match.shape == Match::Shape::exact) {
        Date day = make_date(year, unsigned(match.first_month), match.day);
        return {day, day};
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
    case MilestoneKind::dated: return "dated";
    case MilestoneKind::ongoing: return "ongoing";
    case MilestoneKind::recurring: return "recurring";
    case MilestoneKind::complete: return "complete";
    case MilestoneKind::unscheduled: return "unscheduled";
    }
    return "unscheduled";
}

std::vector<DeadlineReading> read_deadline(std::string_view text, Date reporting_date) {
    int plan_year = int(reporting_date.year());
    std::vector<Token> tokens = tokenize(text);
    std::vector<Match> matches = Matcher(tokens).find_all();
    fill_missing_years(matches, plan_year);

    std::vector<DeadlineReading> readings;
    bool ongoing_seen = false;
    for (const Match& match : matches) {
        DeadlineReading reading;
        std::size_t begin = tokens[match.first_token].begin;
        std::size_t end = tokens[match.end_token - 1].end;
        reading.phrase = std::string(text.substr(begin, end - begin));
        if (match.shape == Match::Shape::ongoing) {
            if (ongoing_seen)
                continue;
            ongoing_seen = true;
            reading.kind = MilestoneKind::ongoing;
            readings.push_back(std::move(reading));
            continue;
        }
        Period period = period_of(match);
        if (!period.first.ok() || !period.last.ok())
            continue; // "31 Sept", "29 February 2011": not a day, so not a date
        reading.start = period.first;
        if (match.onwards) {
            reading.kind = MilestoneKind::ongoing;
        } else {
            reading.kind = MilestoneKind::dated;
            reading.due = apply_modifier(period, match.modifier, match.whole_year);
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
