#include "loader.hpp"

#include "ascii.hpp"
#include "deadline.hpp"
#include "plan_format.hpp"
#include "text_encoding.hpp"
#include "view.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_map>

namespace actionboard {

using nlohmann::json;

// [SECTION] Problems

std::string format_problem(const Problem& problem) {
    if (!problem.cell.empty())
        return problem.cell + ": " + problem.message;
    if (problem.line > 0)
        return "line " + std::to_string(problem.line) +
               (problem.counts == Problem::Counts::character ? ", character " : ", column ") +
               std::to_string(problem.column) + ": " + problem.message;
    if (!problem.pointer.empty())
        return problem.pointer + ": " + problem.message;
    return problem.message;
}

namespace {

std::string escape_pointer_token(std::string_view token) {
    std::string escaped;
    for (char c : token) {
        if (c == '~')
            escaped += "~0";
        else if (c == '/')
            escaped += "~1";
        else
            escaped += c;
    }
    return escaped;
}

std::string child(const std::string& pointer, std::string_view key) {
    return pointer + "/" + escape_pointer_token(key);
}

std::string child(const std::string& pointer, std::size_t index) {
    return pointer + "/" + std::to_string(index);
}

class ProblemList {
public:
    explicit ProblemList(std::size_t limit) : limit_(limit) {}

    void add(std::string pointer, std::string message) {
        if (problems_.size() < limit_)
            problems_.push_back({std::move(pointer), 0, 0, std::move(message)});
        else
            ++dropped_;
    }
    void add(Problem problem) {
        if (problems_.size() < limit_)
            problems_.push_back(std::move(problem));
        else
            ++dropped_;
    }
    bool empty() const { return problems_.empty(); }
    std::vector<Problem> take() {
        if (dropped_ > 0)
            problems_.push_back(
                {"", 0, 0, "... and " + std::to_string(dropped_) + " more problems"});
        return std::move(problems_);
    }

private:
    std::size_t limit_;
    std::size_t dropped_ = 0;
    std::vector<Problem> problems_;
};

// [SECTION] Parsing
// A SAX handler that builds the DOM like nlohmann's own, but refuses duplicate keys (the DOM
// parser silently keeps the last) and nesting deeper than the limit (so no input can make the
// tree, or anything that walks it, deep enough to matter).

class StrictDomBuilder {
public:
    StrictDomBuilder(json& root, ProblemList& problems, int max_depth)
        : root_(root), problems_(problems), max_depth_(max_depth) {}

    bool null() { return put(json(nullptr)); }
    bool boolean(bool value) { return put(json(value)); }
    bool number_integer(json::number_integer_t value) { return put(json(value)); }
    bool number_unsigned(json::number_unsigned_t value) { return put(json(value)); }
    bool number_float(json::number_float_t value, const std::string& raw) {
        std::string pointer;
        *slot(pointer) = json(value);
        raw_floats_.emplace(std::move(pointer), raw); // "1.10" as written, for refs
        return true;
    }
    bool string(std::string& value) { return put(json(std::move(value))); }
    bool binary(json::binary_t& value) { return put(json::binary(std::move(value))); }

    bool start_object(std::size_t) { return open(json::object()); }
    bool start_array(std::size_t) { return open(json::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(std::string& key) {
        Frame& frame = frames_.back();
        if (!frame.keys.insert(key).second) {
            problems_.add(child(frame.pointer, key), "duplicate key \"" + key + "\"");
            frame.skip_value = true;
        }
        frame.key = std::move(key);
        return true;
    }

    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& ex) {
        error_position_ = position;
        error_message_ = ex.what();
        return false;
    }

    std::size_t error_position() const { return error_position_; }
    const std::string& error_message() const { return error_message_; }
    bool too_deep() const { return too_deep_; }
    // Non-integer numbers as written in the file, by JSON Pointer: 1.10 parses as 1.1.
    const std::map<std::string, std::string>& raw_floats() const { return raw_floats_; }

private:
    struct Frame {
        json* value;
        std::string pointer;
        std::set<std::string> keys;
        std::string key;
        bool skip_value = false;
    };

    json& root_;
    ProblemList& problems_;
    int max_depth_;
    std::vector<Frame> frames_;
    bool too_deep_ = false;
    std::size_t error_position_ = 0;
    std::string error_message_;
    std::map<std::string, std::string> raw_floats_;

    // Where the next value goes: the root, the end of an array, or the current key.
    json* slot(std::string& pointer) {
        if (frames_.empty()) {
            pointer.clear();
            return &root_;
        }
        Frame& frame = frames_.back();
        if (frame.value->is_array()) {
            pointer = child(frame.pointer, frame.value->size());
            frame.value->push_back(nullptr);
            return &frame.value->back();
        }
        pointer = child(frame.pointer, frame.key);
        if (frame.skip_value) {
            frame.skip_value = false;
            discard_ = nullptr;
            return &discard_;
        }
        return &(*frame.value)[frame.key];
    }

    bool put(json value) {
        std::string pointer;
        *slot(pointer) = std::move(value);
        return true;
    }

    bool open(json container) {
        if (int(frames_.size()) >= max_depth_) {
            too_deep_ = true;
            return false;
        }
        std::string pointer;
        json* target = slot(pointer);
        if (target == &discard_) {
            // A duplicate key's object: build it aside so its own problems still show.
            discarded_.push_back(std::make_unique<json>());
            target = discarded_.back().get();
        }
        *target = std::move(container);
        frames_.push_back({target, std::move(pointer), {}, {}, false});
        return true;
    }

    bool close() {
        frames_.pop_back();
        return true;
    }

    json discard_;
    std::vector<std::unique_ptr<json>> discarded_;
};

std::pair<int, int> line_and_column(std::string_view text, std::size_t position) {
    int line = 1, column = 1;
    position = std::min(position, text.size());
    for (std::size_t i = 0; i < position; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column; // count characters, not UTF-8 continuation bytes
        }
    }
    return {line, column};
}

// nlohmann's message is "[json.exception.parse_error.101] parse error at line 1, column 2:
// syntax error while parsing value - ..."; keep only what a person needs.
std::string syntax_message(const std::string& what) {
    std::string message = what;
    if (auto at = message.find("parse error"); at != std::string::npos) {
        if (auto colon = message.find(": ", at); colon != std::string::npos)
            message = message.substr(colon + 2);
    }
    return message;
}

// [SECTION] Validation
// Walks the parsed document with JSON Pointers, reporting every problem and building the Plan.

class Validator {
public:
    Validator(ProblemList& problems, const std::map<std::string, std::string>& raw_floats)
        : problems_(problems), raw_floats_(raw_floats) {}

    Plan validate(const json& root) {
        Plan plan;
        if (!root.is_object()) {
            problems_.add("", "the plan must be a JSON object, not " + type_name(root));
            return plan;
        }
        check_keys(root, "", {"format", "plan", "chapters", "recommendations", "$schema"});
        if (auto format = string_field(root, "", "format", true)) {
            if (*format != "actionboard-plan/1")
                problems_.add("/format", "unsupported format \"" + *format +
                                             "\" (expected \"actionboard-plan/1\")");
        }
        if (const json* info = require(root, "", "plan", json::value_t::object))
            plan.info = read_info(*info, "/plan");
        if (const json* chapters = require(root, "", "chapters", json::value_t::array))
            plan.chapters = read_chapters(*chapters, "/chapters");
        if (const json* recs = require(root, "", "recommendations", json::value_t::array))
            plan.recommendations = read_recommendations(*recs, "/recommendations", plan);
        return plan;
    }

private:
    ProblemList& problems_;
    const std::map<std::string, std::string>& raw_floats_;
    struct FloatRef {
        std::string where;
        std::string written;   // as in the file: "1.10"
        std::string read_back; // as a number reads back: "1.1"
    };
    std::vector<FloatRef> float_refs_;

    struct SeenRef {
        std::string ref;   // as written
        std::string where; // the recommendation's pointer
        std::size_t index; // its place in the list being built
    };
    // Refs by their ASCII-lower-cased form, which is what same_ref() compares: lookups in
    // constant time, so a plan of 100,000 recommendations loads in linear time.
    using RefIndex = std::unordered_map<std::string, SeenRef>;

    static std::string folded(std::string_view ref) {
        std::string out(ref);
        for (char& c : out)
            c = ascii_lower(c);
        return out;
    }

    // A ref written as a number with a fraction: say what it became and what it clashes with.
    void report_float_refs(const RefIndex& refs) {
        for (const auto& ref : float_refs_) {
            std::string message = "the number " + ref.written;
            if (ref.written != ref.read_back)
                message += " reads back as " + ref.read_back + ", which loses its meaning";
            else
                message += " is not a whole number, and a number can lose its meaning (1.10 "
                           "reads back as 1.1)";
            if (auto it = refs.find(folded(ref.read_back)); it != refs.end())
                message += ", and clashes with ref " + it->second.ref + " at " + it->second.where;
            problems_.add(ref.where,
                          message + "; write the ref as a string: \"" + ref.written + "\"");
        }
    }

    static std::string type_name(const json& value) {
        switch (value.type()) {
        case json::value_t::null:
            return "null";
        case json::value_t::boolean:
            return "a boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
            return "an integer";
        case json::value_t::number_float:
            return "a number";
        case json::value_t::string:
            return "a string";
        case json::value_t::array:
            return "an array";
        case json::value_t::object:
            return "an object";
        default:
            return "a value of another type";
        }
    }

    static std::string expected_name(json::value_t type) {
        switch (type) {
        case json::value_t::object:
            return "an object";
        case json::value_t::array:
            return "an array";
        case json::value_t::string:
            return "a string";
        case json::value_t::boolean:
            return "a boolean";
        default:
            return "a value";
        }
    }

    void check_keys(const json& object, const std::string& pointer,
                    std::initializer_list<std::string_view> allowed) {
        for (const auto& [key, value] : object.items()) {
            bool known = false;
            for (auto name : allowed)
                known = known || key == name;
            if (!known)
                problems_.add(child(pointer, key), "unknown key \"" + key + "\"");
        }
    }

    const json* require(const json& object, const std::string& pointer, std::string_view key,
                        json::value_t type, bool required = true) {
        auto it = object.find(key);
        if (it == object.end()) {
            if (required)
                problems_.add(pointer, "missing required key \"" + std::string(key) + "\"");
            return nullptr;
        }
        if (it->type() != type) {
            problems_.add(child(pointer, key),
                          "must be " + expected_name(type) + ", not " + type_name(*it));
            return nullptr;
        }
        return &*it;
    }

    std::optional<std::string> string_field(const json& object, const std::string& pointer,
                                            std::string_view key, bool required,
                                            bool non_empty = true) {
        const json* value = require(object, pointer, key, json::value_t::string, required);
        if (!value)
            return std::nullopt;
        std::string text = value->get<std::string>();
        if (non_empty && text.find_first_not_of(" \t\r\n") == std::string::npos) {
            problems_.add(child(pointer, key), "must not be empty");
            return std::nullopt;
        }
        return text;
    }

    // A string or null: an absent value is written null in the file.
    std::optional<std::string> nullable_string(const json& object, const std::string& pointer,
                                               std::string_view key, bool required) {
        auto it = object.find(key);
        if (it == object.end()) {
            if (required)
                problems_.add(pointer, "missing required key \"" + std::string(key) + "\"");
            return std::nullopt;
        }
        if (it->is_null())
            return std::nullopt;
        return string_field(object, pointer, key, true);
    }

    std::optional<long long> integer_field(const json& object, const std::string& pointer,
                                           std::string_view key, bool required, long long min,
                                           long long max) {
        auto it = object.find(key);
        if (it == object.end()) {
            if (required)
                problems_.add(pointer, "missing required key \"" + std::string(key) + "\"");
            return std::nullopt;
        }
        std::string where = child(pointer, key);
        if (it->is_number_float()) {
            problems_.add(where, "must be a whole number between " + std::to_string(min) + " and " +
                                     std::to_string(max) + ", not " + it->dump());
            return std::nullopt;
        }
        if (!it->is_number_integer()) {
            problems_.add(where, "must be an integer, not " + type_name(*it));
            return std::nullopt;
        }
        bool in_range = !(it->is_number_unsigned() &&
                          it->get<unsigned long long>() > static_cast<unsigned long long>(max)) &&
                        it->get<long long>() >= min && it->get<long long>() <= max;
        if (!in_range) {
            problems_.add(where, "must be between " + std::to_string(min) + " and " +
                                     std::to_string(max) + ", not " + it->dump());
            return std::nullopt;
        }
        return it->get<long long>();
    }

    // A ref: a string (ref.hpp's rules), or a JSON integer meaning its decimal string. A number
    // with a fraction or an exponent is refused, since its meaning is lost as it is parsed
    // ("1.10" reads back as 1.1); the message shows both and asks for a string.
    std::optional<std::string> ref_value(const json& value, const std::string& where) {
        std::string ref;
        if (value.is_string()) {
            ref = value.get<std::string>();
        } else if (value.is_number_integer()) {
            ref = value.is_number_unsigned() ? std::to_string(value.get<unsigned long long>())
                                             : std::to_string(value.get<long long>());
        } else if (value.is_number_float()) {
            auto raw = raw_floats_.find(where);
            float_refs_.push_back(
                {where, raw != raw_floats_.end() ? raw->second : value.dump(), value.dump()});
            return std::nullopt; // reported once every ref is known, to name a clash
        } else {
            problems_.add(where, "must be a string or an integer, not " + type_name(value));
            return std::nullopt;
        }
        if (auto why = ref_problem(ref)) {
            problems_.add(where, "ref \"" + ref + "\" " + *why);
            return std::nullopt;
        }
        return ref;
    }

    std::optional<Date> date_field(const json& object, const std::string& pointer,
                                   std::string_view key, bool required) {
        auto text = string_field(object, pointer, key, required);
        if (!text)
            return std::nullopt;
        auto date = parse_iso_date(*text);
        if (!date)
            problems_.add(child(pointer, key),
                          "\"" + *text + "\" is not a date in the form YYYY-MM-DD");
        return date;
    }

    // A deadline that writes a day which does not exist ("32/13/2009", "31/04/2010") is an
    // error: read, it would silently be no date at all.
    void check_days(const std::optional<std::string>& text, const std::string& pointer) {
        if (!text)
            return;
        for (const auto& bad : impossible_dates(*text))
            problems_.add(pointer, "\"" + bad.phrase + "\" is not a date: " + bad.reason);
    }

    std::vector<std::string> string_list(const json& object, const std::string& pointer,
                                         std::string_view key, bool required) {
        std::vector<std::string> list;
        const json* array = require(object, pointer, key, json::value_t::array, required);
        if (!array)
            return list;
        std::string where = child(pointer, key);
        for (std::size_t i = 0; i < array->size(); ++i) {
            const json& item = (*array)[i];
            if (!item.is_string() || item.get<std::string>().empty())
                problems_.add(child(where, i), "must be a non-empty string");
            else
                list.push_back(item.get<std::string>());
        }
        return list;
    }

    // `skip_blank`: a blank paragraph means nothing rather than an error (a chapter's
    // local_position of [""] is as empty as []).
    Blocks blocks_value(const json& value, const std::string& pointer, bool non_empty,
                        bool skip_blank = false) {
        Blocks blocks;
        if (!value.is_array()) {
            problems_.add(pointer,
                          "must be an array of paragraphs and lists, not " + type_name(value));
            return blocks;
        }
        if (non_empty && value.empty())
            problems_.add(pointer, "must not be empty");
        for (std::size_t i = 0; i < value.size(); ++i) {
            const json& item = value[i];
            std::string where = child(pointer, i);
            if (item.is_string()) {
                bool blank =
                    item.get<std::string>().find_first_not_of(" \t\r\n") == std::string::npos;
                if (blank && skip_blank)
                    continue;
                if (item.get<std::string>().empty())
                    problems_.add(where, "paragraph must not be empty");
                else
                    blocks.push_back({item.get<std::string>(), {}});
            } else if (item.is_object()) {
                check_keys(item, where, {"list"});
                Block block;
                block.items = string_list(item, where, "list", true);
                if (block.items.empty()) {
                    if (item.contains("list") && item["list"].is_array() && item["list"].empty())
                        problems_.add(child(where, "list"), "must not be empty");
                } else {
                    blocks.push_back(std::move(block));
                }
            } else {
                problems_.add(where, "must be a paragraph (string) or {\"list\": [...]}, not " +
                                         type_name(item));
            }
        }
        return blocks;
    }

    Blocks blocks_field(const json& object, const std::string& pointer, std::string_view key,
                        bool required, bool non_empty, bool skip_blank = false) {
        auto it = object.find(key);
        if (it == object.end()) {
            if (required)
                problems_.add(pointer, "missing required key \"" + std::string(key) + "\"");
            return {};
        }
        return blocks_value(*it, child(pointer, key), non_empty, skip_blank);
    }

    // plan.meetings: ISO dates, each a real calendar day, none twice; any order in the file,
    // ascending in the plan.
    std::vector<Date> meeting_dates(const json& info, const std::string& pointer) {
        std::vector<Date> dates;
        const json* array = require(info, pointer, "meetings", json::value_t::array, false);
        if (!array)
            return dates;
        std::string where = child(pointer, "meetings");
        std::map<std::string, std::size_t> seen;
        for (std::size_t i = 0; i < array->size(); ++i) {
            const json& item = (*array)[i];
            std::optional<Date> date;
            if (item.is_string())
                date = parse_iso_date(item.get<std::string>());
            if (!date) {
                problems_.add(child(where, i),
                              item.is_string()
                                  ? "\"" + item.get<std::string>() +
                                        "\" is not a date in the form YYYY-MM-DD"
                                  : "must be a date written YYYY-MM-DD, not " + type_name(item));
                continue;
            }
            auto [it, fresh] = seen.emplace(format_iso(*date), i);
            if (!fresh) {
                problems_.add(child(where, i), "meeting " + it->first +
                                                   " is listed twice (also at " +
                                                   child(where, it->second) + ")");
                continue;
            }
            dates.push_back(*date);
        }
        std::sort(dates.begin(), dates.end());
        return dates;
    }

    PlanInfo read_info(const json& info, const std::string& pointer) {
        check_keys(info, pointer,
                   {"id", "title", "authority", "version", "source", "as_of", "as_of_note",
                    "amber_days", "actions_to_date", "summary", "notes", "meetings"});
        PlanInfo result;
        result.id = string_field(info, pointer, "id", true).value_or("");
        result.title = string_field(info, pointer, "title", true).value_or("");
        result.authority = string_field(info, pointer, "authority", true).value_or("");
        result.version = string_field(info, pointer, "version", true).value_or("");
        result.source = string_field(info, pointer, "source", false).value_or("");
        result.as_of = date_field(info, pointer, "as_of", true).value_or(Date{});
        result.as_of_note = string_field(info, pointer, "as_of_note", false).value_or("");
        result.amber_days =
            int(integer_field(info, pointer, "amber_days", false, 0, 366).value_or(30));
        result.actions_to_date = string_list(info, pointer, "actions_to_date", false);
        result.summary = string_list(info, pointer, "summary", false);
        result.notes = string_list(info, pointer, "notes", false);
        result.meetings = meeting_dates(info, pointer);
        return result;
    }

    std::vector<Chapter> read_chapters(const json& array, const std::string& pointer) {
        std::vector<Chapter> chapters;
        if (array.empty())
            problems_.add(pointer, "a plan needs at least one chapter");
        std::map<long long, std::string> seen;
        for (std::size_t i = 0; i < array.size(); ++i) {
            std::string where = child(pointer, i);
            const json& item = array[i];
            if (!item.is_object()) {
                problems_.add(where, "a chapter must be an object, not " + type_name(item));
                continue;
            }
            check_keys(item, where, {"number", "title", "key_points", "local_position"});
            Chapter chapter;
            auto number = integer_field(item, where, "number", true, 1, 9999);
            if (number) {
                auto [it, inserted] = seen.emplace(*number, where);
                if (!inserted)
                    problems_.add(child(where, "number"), "duplicate chapter number " +
                                                              std::to_string(*number) +
                                                              " (first at " + it->second + ")");
                chapter.number = int(*number);
            }
            chapter.title = string_field(item, where, "title", true).value_or("");
            chapter.key_points = blocks_field(item, where, "key_points", false, false, true);
            chapter.local_position =
                blocks_field(item, where, "local_position", false, false, true);
            chapters.push_back(std::move(chapter));
        }
        return chapters;
    }

    std::vector<MilestoneEntry> read_milestones(const json& object, const std::string& pointer,
                                                bool required) {
        std::vector<MilestoneEntry> milestones;
        const json* array = require(object, pointer, "milestones", json::value_t::array, required);
        if (!array)
            return milestones;
        std::string list_pointer = child(pointer, "milestones");
        for (std::size_t i = 0; i < array->size(); ++i) {
            std::string where = child(list_pointer, i);
            const json& item = (*array)[i];
            if (!item.is_object()) {
                problems_.add(where, "a milestone must be an object, not " + type_name(item));
                continue;
            }
            check_keys(item, where, {"deadline", "lead", "action", "complete", "completed_on"});
            MilestoneEntry entry;
            auto deadline = string_field(item, where, "deadline", true);
            check_days(deadline, child(where, "deadline"));
            entry.deadline = deadline.value_or("");
            entry.lead = nullable_string(item, where, "lead", false);
            entry.action = string_field(item, where, "action", false).value_or("");
            if (const json* complete =
                    require(item, where, "complete", json::value_t::boolean, false))
                entry.complete = complete->get<bool>();
            entry.completed_on = date_field(item, where, "completed_on", false);
            milestones.push_back(std::move(entry));
        }
        return milestones;
    }

    std::vector<Part> read_parts(const json& object, const std::string& pointer) {
        std::vector<Part> parts;
        const json* array = require(object, pointer, "parts", json::value_t::array, false);
        if (!array)
            return parts;
        std::string list_pointer = child(pointer, "parts");
        std::set<std::string> labels;
        for (std::size_t i = 0; i < array->size(); ++i) {
            std::string where = child(list_pointer, i);
            const json& item = (*array)[i];
            if (!item.is_object()) {
                problems_.add(where, "a part must be an object, not " + type_name(item));
                continue;
            }
            check_keys(item, where,
                       {"label", "text", "government_response", "government_deadline",
                        "local_response", "milestones"});
            Part part;
            part.label = string_field(item, where, "label", true).value_or("");
            if (!part.label.empty() && !labels.insert(part.label).second)
                problems_.add(child(where, "label"), "duplicate part label \"" + part.label + "\"");
            part.text = blocks_field(item, where, "text", true, true);
            part.government_response =
                blocks_field(item, where, "government_response", false, false);
            part.government_deadline = nullable_string(item, where, "government_deadline", false);
            check_days(part.government_deadline, child(where, "government_deadline"));
            part.local_response = blocks_field(item, where, "local_response", false, false);
            part.milestones = read_milestones(item, where, false);
            parts.push_back(std::move(part));
        }
        return parts;
    }

    std::vector<Recommendation> read_recommendations(const json& array, const std::string& pointer,
                                                     const Plan& plan) {
        std::vector<Recommendation> recs;
        recs.reserve(array.size());
        RefIndex seen; // every ref so far, by its case-folded form
        std::set<int> chapter_numbers;
        for (const auto& chapter : plan.chapters)
            chapter_numbers.insert(chapter.number);
        std::vector<std::pair<std::string, std::string>> see_refs; // where, ref
        std::vector<std::string> with_audience, without_audience;

        for (std::size_t i = 0; i < array.size(); ++i) {
            std::string where = child(pointer, i);
            const json& item = array[i];
            if (!item.is_object()) {
                problems_.add(where, "a recommendation must be an object, not " + type_name(item));
                continue;
            }
            check_keys(item, where,
                       {"ref", "chapter", "text", "addressed_to", "bodies", "government_response",
                        "government_deadline", "local_response", "milestones", "parts", "status",
                        "status_reason", "reported_rag"});
            Recommendation rec;
            if (auto it = item.find("ref"); it == item.end()) {
                problems_.add(where, "missing required key \"ref\"");
            } else if (auto ref = ref_value(*it, child(where, "ref"))) {
                check_unique_ref(*ref, child(where, "ref"), where, recs.size(), seen);
                rec.ref = *ref;
            }
            if (auto chapter = integer_field(item, where, "chapter", true, 1, 9999)) {
                if (!chapter_numbers.count(int(*chapter)))
                    problems_.add(child(where, "chapter"),
                                  "unknown chapter " + std::to_string(*chapter) +
                                      " (no chapter in /chapters has that number)");
                rec.chapter = int(*chapter);
            }
            rec.text = blocks_field(item, where, "text", true, true);
            // Optional: only plans that answer a national report say who each is addressed to.
            if (auto audience = string_field(item, where, "addressed_to", false)) {
                if (auto parsed = parse_audience(*audience))
                    rec.addressed_to = *parsed;
                else
                    problems_.add(child(where, "addressed_to"),
                                  "\"" + *audience + "\" is not one of \"national\", \"local\"");
            }
            (item.contains("addressed_to") ? with_audience : without_audience).push_back(where);
            rec.bodies = string_list(item, where, "bodies", false);
            // Optional: a plan that answers no national report has no Government response.
            rec.government_response =
                blocks_field(item, where, "government_response", false, false);
            rec.government_deadline = nullable_string(item, where, "government_deadline", false);
            check_days(rec.government_deadline, child(where, "government_deadline"));

            auto response = item.find("local_response");
            if (response == item.end()) {
                problems_.add(where, "missing required key \"local_response\"");
            } else if (response->is_object()) {
                std::string response_pointer = child(where, "local_response");
                check_keys(*response, response_pointer, {"see"});
                if (auto see = response->find("see"); see == response->end()) {
                    problems_.add(response_pointer, "missing required key \"see\"");
                } else if (auto ref = ref_value(*see, child(response_pointer, "see"))) {
                    see_refs.emplace_back(child(response_pointer, "see"), *ref);
                    rec.local_response_see = *ref;
                }
            } else {
                rec.local_response = blocks_value(*response, child(where, "local_response"), false);
            }
            rec.milestones = read_milestones(item, where, false);
            rec.parts = read_parts(item, where);
            if (auto status = string_field(item, where, "status", true)) {
                if (auto parsed = parse_status(*status))
                    rec.status = *parsed;
                else
                    problems_.add(child(where, "status"),
                                  "\"" + *status +
                                      "\" is not one of \"compliant\", \"in_progress\", "
                                      "\"awaiting_national\", \"not_started\"");
            }
            rec.status_reason = string_field(item, where, "status_reason", true).value_or("");
            if (auto reported = string_field(item, where, "reported_rag", false)) {
                auto parsed = parse_rag(*reported);
                if (parsed && *parsed != Rag::none)
                    rec.reported_rag = *parsed;
                else
                    problems_.add(child(where, "reported_rag"),
                                  "\"" + *reported +
                                      "\" is not one of \"red\", \"amber\", \"green\", \"blue\"");
            }
            recs.push_back(std::move(rec));
        }

        report_float_refs(seen);

        // All or none: a national/local split over some of the plan would mislead.
        if (!with_audience.empty() && !without_audience.empty())
            problems_.add(without_audience.front(),
                          "missing \"addressed_to\", which " +
                              std::to_string(with_audience.size()) + " of the " +
                              std::to_string(with_audience.size() + without_audience.size()) +
                              " recommendations give (the first at " + with_audience.front() +
                              "); give it on every recommendation or on none");

        // A shared response must point at a recommendation that has its own response.
        for (const auto& [where, ref] : see_refs) {
            const Recommendation* target = nullptr;
            if (auto it = seen.find(folded(ref)); it != seen.end()) // the first of duplicates
                target = &recs[it->second.index];
            if (!target)
                problems_.add(where,
                              "refers to recommendation " + ref + ", which is not in the plan");
            else if (target->local_response_see)
                problems_.add(where, "refers to recommendation " + ref +
                                         ", whose response is itself a reference");
        }
        return recs;
    }

    // Refs are unique ignoring case ("3a" and "3A" name one recommendation). A ref that came
    // from a number gets a hint when it clashes: 1.10 typed as a number is refused above, but
    // 10 and "10" clash too.
    // Returns whether `ref` is new; `index` is where the recommendation will be in `recs`.
    bool check_unique_ref(const std::string& ref, const std::string& ref_pointer,
                          const std::string& where, std::size_t index, RefIndex& seen) {
        auto [it, inserted] = seen.try_emplace(folded(ref), SeenRef{ref, where, index});
        if (inserted)
            return true;
        const SeenRef& other = it->second;
        std::string message = "duplicate ref " + ref;
        if (other.ref != ref)
            message += " (the same as \"" + other.ref + "\": refs ignore case)";
        problems_.add(ref_pointer, message + " (first at " + other.where + ")");
        return false;
    }
};

} // namespace

// [SECTION] Public

LoadResult parse_plan(std::string_view text, const LoadLimits& limits) {
    LoadResult result;
    ProblemList problems(limits.max_problems);
    if (text.size() > limits.max_bytes) {
        problems.add("", "the plan is " + std::to_string(text.size()) +
                             " bytes, over the limit of " + std::to_string(limits.max_bytes) +
                             " bytes");
        result.problems = problems.take();
        return result;
    }
    // A file in another format (an .ods, an .xls, a PDF, a workbook where only JSON is read)
    // is named as such, not as a byte that is not text.
    if (auto foreign = foreign_file_problem(text)) {
        problems.add(Problem{"", 0, 0, *foreign});
        result.problems = problems.take();
        return result;
    }
    if (plan_format_for_content(text) == PlanFormat::xlsx) {
        problems.add(
            Problem{"", 0, 0, "the file is a zip archive (an .xlsx workbook?), not a JSON plan"});
        result.problems = problems.take();
        return result;
    }
    // UTF-16, Windows-1252 and the like are named as such, not as a syntax error.
    TextEncoding encoding = check_text_encoding(text);
    if (encoding.problem) {
        problems.add(*encoding.problem);
        result.problems = problems.take();
        return result;
    }
    text.remove_prefix(encoding.bom_bytes);
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        problems.add(Problem{"", 1, 1, "the file is empty"});
        result.problems = problems.take();
        return result;
    }

    json root;
    StrictDomBuilder builder(root, problems, limits.max_depth);
    bool parsed = json::sax_parse(text, &builder, json::input_format_t::json, true, false);
    if (!parsed) {
        if (builder.too_deep()) {
            problems.add("", "nesting is deeper than " + std::to_string(limits.max_depth) +
                                 " levels: this is not a plan file");
        } else {
            auto [line, column] = line_and_column(
                text, builder.error_position() > 0 ? builder.error_position() - 1 : 0);
            problems.add(Problem{"", line, column, syntax_message(builder.error_message())});
        }
        result.problems = problems.take();
        return result;
    }
    if (!problems.empty()) { // duplicate keys: the document is ambiguous, validate no further
        result.problems = problems.take();
        return result;
    }

    Validator validator(problems, builder.raw_floats());
    Plan plan = validator.validate(root);
    if (problems.empty()) {
        sort_recommendations(plan);
        result.plan = std::move(plan);
    }
    result.problems = problems.take();
    return result;
}

FileRead read_plan_file(const std::string& path, std::size_t max_bytes) {
    FileRead result;
    auto fail = [&](const std::string& message) {
        result.problem = Problem{"", 0, 0, path + ": " + message};
        return result;
    };
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return fail(std::strerror(errno));
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        int error = errno;
        ::close(fd);
        return fail(std::strerror(error));
    }
    if (S_ISDIR(info.st_mode)) {
        ::close(fd);
        return fail("is a directory, not a plan file");
    }
    if (!S_ISREG(info.st_mode)) {
        ::close(fd);
        return fail("is not a regular file");
    }
    if (static_cast<std::size_t>(info.st_size) > max_bytes) {
        ::close(fd);
        return fail("is " + std::to_string(info.st_size) + " bytes, over the limit of " +
                    std::to_string(max_bytes) + " bytes");
    }
    std::string bytes;
    bytes.resize(static_cast<std::size_t>(info.st_size));
    std::size_t done = 0;
    while (true) {
        if (done == bytes.size()) {
            // The file may have grown since fstat; read on, but never past the limit.
            if (bytes.size() > max_bytes)
                break;
            bytes.resize(std::min(max_bytes + 1, bytes.size() + 65536));
        }
        ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int error = errno;
            ::close(fd);
            return fail(std::strerror(error));
        }
        if (n == 0)
            break;
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    bytes.resize(done);
    if (bytes.size() > max_bytes)
        return fail("is over the limit of " + std::to_string(max_bytes) + " bytes");
    result.bytes = std::move(bytes);
    return result;
}

LoadResult load_plan_file(const std::string& path, const LoadLimits& limits) {
    FileRead read = read_plan_file(path, limits.max_bytes);
    if (!read.bytes) {
        LoadResult result;
        result.problems.push_back(*read.problem);
        return result;
    }
    return parse_plan(*read.bytes, limits);
}

std::string content_hash(std::string_view bytes) {
    std::uint64_t hash = 14695981039346656037ULL; // FNV-1a offset basis
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
    return buffer;
}

} // namespace actionboard
