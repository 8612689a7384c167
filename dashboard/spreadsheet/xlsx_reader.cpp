#include "xlsx_reader.hpp"

#include "dashboard/core/plan_format.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <expat.h>
#include <memory>
#include <stdexcept>
#include <zip.h>

namespace actionboard::spreadsheet {

namespace {

// Thrown inside the reader, caught once in read_xlsx: the first problem ends the read.
struct ReadError : std::runtime_error {
    explicit ReadError(const std::string& message, std::string cell_ = {})
        : std::runtime_error(message), cell(std::move(cell_)) {}
    std::string cell; // "Actions!D14" when the problem is one cell's
};

// "x:row" -> "row": parts are matched by local name, whatever prefix a writer chose (and Strict
// Open XML's namespaces work as the transitional ones do).
std::string_view local_name(const char* name) {
    std::string_view text(name);
    auto colon = text.rfind(':');
    return colon == std::string_view::npos ? text : text.substr(colon + 1);
}

const char* attribute(const char** attributes, std::string_view name) {
    for (int i = 0; attributes[i]; i += 2) {
        if (local_name(attributes[i]) == name)
            return attributes[i + 1];
    }
    return nullptr;
}

// Excel escapes characters XML cannot hold as _xHHHH_ (a line break saved as "_x000D_", an
// underscore before such a pattern as "_x005F_").
std::string unescape_ooxml(std::string text) {
    if (text.find("_x") == std::string::npos)
        return text;
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
            unsigned code = 0;
            auto [end, ec] = std::from_chars(text.data() + i + 2, text.data() + i + 6, code, 16);
            if (ec == std::errc{} && end == text.data() + i + 6) {
                if (code < 0x80) {
                    out += char(code);
                } else if (code < 0x800) {
                    out += char(0xC0 | (code >> 6));
                    out += char(0x80 | (code & 0x3F));
                } else if (code < 0xD800 || code > 0xDFFF) {
                    out += char(0xE0 | (code >> 12));
                    out += char(0x80 | ((code >> 6) & 0x3F));
                    out += char(0x80 | (code & 0x3F));
                }
                i += 6;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

// [SECTION] XML parts, streamed through expat

class XmlHandler {
public:
    virtual ~XmlHandler() = default;
    virtual void start(std::string_view name, const char** attributes) = 0;
    virtual void end(std::string_view name) = 0;
    virtual void text(std::string_view) {}
    // Set by a handler that has read all it needs (or hit a limit): the parse stops there.
    std::optional<std::string> stop_reason;
    std::string stop_cell; // the cell the reason is about, if any
    bool done = false;
};

class Archive {
public:
    Archive(std::string_view bytes, const XlsxLimits& limits) : limits_(limits) {
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
        if (!source) {
            zip_error_fini(&error);
            throw ReadError("the workbook could not be opened (out of memory)");
        }
        // ZIP_CHECKCONS: the central directory must agree with the entries, so a file caught
        // half-written (or cut short) is refused whole.
        zip_ = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
        if (!zip_) {
            zip_source_free(source);
            int code = zip_error_code_zip(&error);
            zip_error_fini(&error);
            throw ReadError(open_error(bytes, code));
        }
        zip_error_fini(&error);
    }
    ~Archive() {
        if (zip_)
            zip_discard(zip_);
    }
    Archive(const Archive&) = delete;
    Archive& operator=(const Archive&) = delete;

    bool has(const std::string& name) const {
        return zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE) >= 0;
    }

    // The first bytes of a part, at most `limit` of them, as stored (an OpenDocument file's
    // mimetype); empty when there is no such part or it cannot be read.
    std::string read_start(const std::string& name, std::size_t limit) {
        zip_int64_t index = zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);
        if (index < 0)
            return {};
        zip_file_t* file = zip_fopen_index(zip_, zip_uint64_t(index), 0);
        if (!file)
            return {};
        std::string text(limit, '\0');
        zip_int64_t n = zip_fread(file, text.data(), limit);
        zip_fclose(file);
        text.resize(n > 0 ? std::size_t(n) : 0);
        return text;
    }

    // Streams one part through `handler`. A missing part is an error unless `optional`.
    bool parse(const std::string& name, XmlHandler& handler, bool optional = false) {
        zip_int64_t index = zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);
        if (index < 0) {
            if (optional)
                return false;
            throw ReadError("the workbook has no part " + name +
                            ": it is not a complete .xlsx workbook");
        }
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat_index(zip_, zip_uint64_t(index), 0, &stat) == 0 &&
            (stat.valid & ZIP_STAT_SIZE) && stat.size > limits_.max_part_bytes)
            throw ReadError(too_big(name));
        zip_file_t* file = zip_fopen_index(zip_, zip_uint64_t(index), 0);
        if (!file) {
            int code = zip_error_code_zip(zip_get_error(zip_));
            if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_WRONGPASSWD)
                throw ReadError("the workbook is encrypted: save it without a password");
            if (code == ZIP_ER_COMPNOTSUPP)
                throw ReadError("the workbook's part " + name +
                                " is compressed in a way this program does not read: open the "
                                "file and save it again as an Excel Workbook (.xlsx)");
            throw ReadError("the workbook's part " + name +
                            " cannot be read: " + zip_strerror(zip_));
        }
        std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> guard(file, zip_fclose);

        std::unique_ptr<std::remove_pointer_t<XML_Parser>, void (*)(XML_Parser)> parser(
            XML_ParserCreate("UTF-8"), XML_ParserFree);
        if (!parser)
            throw ReadError("out of memory reading " + name);
        Context context{&handler, parser.get(), {}};
        XML_SetUserData(parser.get(), &context);
        XML_SetElementHandler(parser.get(), on_start, on_end);
        XML_SetCharacterDataHandler(parser.get(), on_text);
        // No DTD: a DOCTYPE (where entity declarations live) ends the parse, so no entity is
        // ever declared, let alone expanded ("billion laughs"), and nothing external is read.
        XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
        XML_SetEntityDeclHandler(parser.get(), on_entity);
        XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);

        std::size_t part_bytes = 0;
        char buffer[65536];
        while (true) {
            zip_int64_t n = zip_fread(file, buffer, sizeof buffer);
            if (n < 0) {
                int code = zip_error_code_zip(zip_file_get_error(file));
                if (code == ZIP_ER_CRC)
                    throw ReadError("the workbook's part " + name +
                                    " is damaged (its checksum does not match): the file was "
                                    "cut short or changed while it was saved");
                throw ReadError("the workbook's part " + name +
                                " is damaged: " + zip_file_strerror(file));
            }
            part_bytes += std::size_t(n);
            total_bytes_ += std::size_t(n);
            if (part_bytes > limits_.max_part_bytes)
                throw ReadError(too_big(name));
            if (total_bytes_ > limits_.max_total_bytes)
                throw ReadError("the workbook unpacks to more than " +
                                std::to_string(limits_.max_total_bytes >> 20) +
                                " MiB: this is not an action plan (a zip bomb?)");
            bool last = n == 0;
            if (XML_Parse(parser.get(), buffer, int(n), last) == XML_STATUS_ERROR) {
                if (handler.done)
                    return true;
                if (context.refused)
                    throw ReadError("the workbook's part " + name + " " + *context.refused);
                if (handler.stop_reason)
                    throw ReadError(*handler.stop_reason, handler.stop_cell);
                throw ReadError("the workbook's part " + name + " is not well-formed XML (line " +
                                std::to_string(XML_GetCurrentLineNumber(parser.get())) + ": " +
                                XML_ErrorString(XML_GetErrorCode(parser.get())) + ")");
            }
            if (last)
                return true;
        }
    }

private:
    struct Context {
        XmlHandler* handler;
        XML_Parser parser;
        std::optional<std::string> refused;
    };

    static void stop_if_needed(Context& context) {
        if (context.handler->stop_reason || context.handler->done)
            XML_StopParser(context.parser, XML_FALSE);
    }
    static void XMLCALL on_start(void* data, const char* name, const char** attributes) {
        auto& context = *static_cast<Context*>(data);
        context.handler->start(local_name(name), attributes);
        stop_if_needed(context);
    }
    static void XMLCALL on_end(void* data, const char* name) {
        auto& context = *static_cast<Context*>(data);
        context.handler->end(local_name(name));
        stop_if_needed(context);
    }
    static void XMLCALL on_text(void* data, const char* text, int length) {
        auto& context = *static_cast<Context*>(data);
        context.handler->text(std::string_view(text, std::size_t(length)));
        stop_if_needed(context);
    }
    static void XMLCALL on_doctype(void* data, const char*, const char*, const char*, int) {
        auto& context = *static_cast<Context*>(data);
        context.refused = "has a DOCTYPE, which no workbook has: refused (no DTD is read)";
        XML_StopParser(context.parser, XML_FALSE);
    }
    static void XMLCALL on_entity(void* data, const char*, int, const char*, int, const char*,
                                  const char*, const char*, const char*) {
        auto& context = *static_cast<Context*>(data);
        context.refused = "declares an XML entity, which no workbook does: refused";
        XML_StopParser(context.parser, XML_FALSE);
    }

    std::string too_big(const std::string& name) const {
        return "the workbook's part " + name + " unpacks to more than " +
               std::to_string(limits_.max_part_bytes >> 20) +
               " MiB: this is not an action plan (a zip bomb?)";
    }

    static std::string open_error(std::string_view bytes, int code) {
        auto starts = [&bytes](std::string_view prefix) {
            return bytes.substr(0, prefix.size()) == prefix;
        };
        if (bytes.empty())
            return "the file is empty, not an .xlsx workbook";
        if (code == ZIP_ER_NOZIP && !starts("PK")) {
            std::size_t first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
            if (first != std::string_view::npos && (bytes[first] == '{' || bytes[first] == '['))
                return "the file is not an .xlsx workbook (not a zip archive); it looks like "
                       "JSON: name it .json";
            return "the file is not an .xlsx workbook (not a zip archive); a CSV file must be "
                   "named .csv";
        }
        if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS || code == ZIP_ER_EOF ||
            code == ZIP_ER_SEEK || code == ZIP_ER_READ)
            return "the workbook is damaged or incomplete (its zip directory is missing or does "
                   "not match its contents): the file was cut short, or read while it was being "
                   "saved";
        if (code == ZIP_ER_MULTIDISK)
            return "the workbook is a split (multi-disk) zip archive, not an .xlsx workbook";
        zip_error_t error;
        zip_error_init_with_code(&error, code);
        std::string message =
            std::string("the workbook cannot be opened: ") + zip_error_strerror(&error);
        zip_error_fini(&error);
        return message;
    }

    zip_t* zip_ = nullptr;
    const XlsxLimits& limits_;
    std::size_t total_bytes_ = 0;
};

// [SECTION] Relationships and the workbook

struct Relationship {
    std::string id;
    std::string type; // the last segment of the type URI: "officeDocument", "worksheet", ...
    std::string target;
};

class RelationshipsHandler : public XmlHandler {
public:
    std::vector<Relationship> relationships;
    void start(std::string_view name, const char** attributes) override {
        if (name != "Relationship")
            return;
        const char* id = attribute(attributes, "Id");
        const char* type = attribute(attributes, "Type");
        const char* target = attribute(attributes, "Target");
        if (!id || !type || !target)
            return;
        std::string_view type_text(type);
        auto slash = type_text.rfind('/');
        relationships.push_back({id, std::string(type_text.substr(slash + 1)), target});
        if (relationships.size() > 100000)
            stop_reason = "the workbook has too many relationships: this is not an action plan";
    }
    void end(std::string_view) override {}
};

// "xl/workbook.xml" + "worksheets/sheet1.xml" -> "xl/worksheets/sheet1.xml"; "/xl/x.xml" is
// from the root. ".." steps up.
std::string resolve_target(const std::string& base_part, const std::string& target) {
    std::string path;
    if (!target.empty() && target[0] == '/') {
        path = target.substr(1);
    } else {
        auto slash = base_part.rfind('/');
        path = (slash == std::string::npos ? "" : base_part.substr(0, slash + 1)) + target;
    }
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        auto end = path.find('/', start);
        if (end == std::string::npos)
            end = path.size();
        std::string segment = path.substr(start, end - start);
        if (segment == "..") {
            if (!segments.empty())
                segments.pop_back();
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(segment);
        }
        start = end + 1;
    }
    std::string out;
    for (const auto& segment : segments)
        out += (out.empty() ? "" : "/") + segment;
    return out;
}

std::string relationships_part(const std::string& part) {
    auto slash = part.rfind('/');
    std::string dir = slash == std::string::npos ? "" : part.substr(0, slash + 1);
    std::string file = slash == std::string::npos ? part : part.substr(slash + 1);
    return dir + "_rels/" + file + ".rels";
}

struct SheetEntry {
    std::string name;
    std::string relationship;
};

class WorkbookHandler : public XmlHandler {
public:
    explicit WorkbookHandler(int max_sheets) : max_sheets_(max_sheets) {}
    std::vector<SheetEntry> sheets;
    bool date1904 = false;
    void start(std::string_view name, const char** attributes) override {
        if (name == "workbookPr") {
            if (const char* value = attribute(attributes, "date1904"))
                date1904 = std::strcmp(value, "1") == 0 || std::strcmp(value, "true") == 0;
        } else if (name == "sheet") {
            const char* sheet_name = attribute(attributes, "name");
            const char* id = attribute(attributes, "id");
            if (sheet_name && id)
                sheets.push_back({sheet_name, id});
            if (int(sheets.size()) > max_sheets_)
                stop_reason = "the workbook has more than " + std::to_string(max_sheets_) +
                              " sheets: this is not an action plan";
        }
    }
    void end(std::string_view) override {}

private:
    int max_sheets_;
};

// [SECTION] Shared strings and styles

// Text of <t> elements inside `container` elements (<si> or <is>), rich-text runs concatenated,
// phonetic runs (<rPh>, Japanese readings) left out.
class TextCollector {
public:
    void start(std::string_view name) {
        if (name == "rPh")
            ++phonetic_;
        else if (name == "t" && phonetic_ == 0)
            in_text_ = true;
    }
    void end(std::string_view name) {
        if (name == "rPh")
            --phonetic_;
        else if (name == "t")
            in_text_ = false;
    }
    bool text(std::string_view piece, std::string& out, std::size_t limit) {
        if (!in_text_)
            return true;
        out.append(piece);
        return out.size() <= limit;
    }

private:
    int phonetic_ = 0;
    bool in_text_ = false;
};

class SharedStringsHandler : public XmlHandler {
public:
    explicit SharedStringsHandler(const XlsxLimits& limits) : limits_(limits) {}
    std::vector<std::string> strings;
    void start(std::string_view name, const char**) override {
        if (name == "si") {
            in_item_ = true;
            current_.clear();
        } else if (in_item_) {
            collector_.start(name);
        }
    }
    void end(std::string_view name) override {
        if (name == "si") {
            in_item_ = false;
            strings.push_back(normalise_breaks(unescape_ooxml(std::move(current_))));
            current_.clear();
        } else if (in_item_) {
            collector_.end(name);
        }
    }
    void text(std::string_view piece) override {
        if (in_item_ && !collector_.text(piece, current_, limits_.max_cell_bytes))
            stop_reason = "a shared string of the workbook is longer than " +
                          std::to_string(limits_.max_cell_bytes) + " bytes";
    }

private:
    const XlsxLimits& limits_;
    bool in_item_ = false;
    std::string current_;
    TextCollector collector_;
};

class StylesHandler : public XmlHandler {
public:
    std::map<int, std::string> formats; // custom number formats by id
    std::vector<int> cell_formats;      // number format id of each cellXfs entry
    void start(std::string_view name, const char** attributes) override {
        if (name == "numFmt") {
            const char* id = attribute(attributes, "numFmtId");
            const char* code = attribute(attributes, "formatCode");
            if (id && code)
                formats[std::atoi(id)] = code;
        } else if (name == "cellXfs") {
            in_cell_xfs_ = true;
        } else if (name == "xf" && in_cell_xfs_) {
            const char* id = attribute(attributes, "numFmtId");
            cell_formats.push_back(id ? std::atoi(id) : 0);
            if (cell_formats.size() > 1000000)
                stop_reason = "the workbook has too many cell styles: this is not an action plan";
        }
    }
    void end(std::string_view name) override {
        if (name == "cellXfs")
            in_cell_xfs_ = false;
    }

private:
    bool in_cell_xfs_ = false;
};

// [SECTION] Sheets

struct CellRef {
    int row = -1;
    int column = -1;
};

// "D14" -> row 13, column 3; "$A$1" too. Either part may be missing (a row's r has no letters).
CellRef parse_cell_ref(std::string_view text) {
    CellRef ref;
    std::size_t i = 0;
    if (i < text.size() && text[i] == '$')
        ++i;
    long column = 0;
    std::size_t letters = 0;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])) && letters < 4) {
        column = column * 26 + (std::toupper(static_cast<unsigned char>(text[i])) - 'A' + 1);
        ++i;
        ++letters;
    }
    if (letters > 0)
        ref.column = int(column - 1);
    if (i < text.size() && text[i] == '$')
        ++i;
    long row = 0;
    auto [end, ec] = std::from_chars(text.data() + i, text.data() + text.size(), row);
    if (ec == std::errc{} && end == text.data() + text.size() && row >= 1 && row <= 1048576)
        ref.row = int(row - 1);
    return ref;
}

class SheetHandler : public XmlHandler {
public:
    SheetHandler(Sheet& sheet, const std::vector<std::string>& strings, const StylesHandler& styles,
                 bool date1904, const XlsxLimits& limits)
        : sheet_(sheet), strings_(strings), styles_(styles), date1904_(date1904), limits_(limits) {}

    void start(std::string_view name, const char** attributes) override {
        if (name == "row") {
            ++row_;
            if (const char* r = attribute(attributes, "r")) {
                CellRef ref = parse_cell_ref(r);
                if (ref.row < 0)
                    return fail("has a row numbered \"" + std::string(r) +
                                "\", outside 1 to 1048576");
                row_ = ref.row;
            }
            column_ = -1;
            row_has_value_ = false;
        } else if (name == "c") {
            ++column_;
            if (const char* r = attribute(attributes, "r")) {
                CellRef ref = parse_cell_ref(r);
                if (ref.column < 0 || ref.column >= 16384)
                    return fail("has a cell named \"" + std::string(r) + "\", outside A to XFD");
                column_ = ref.column;
                if (ref.row >= 0)
                    row_ = ref.row;
            }
            const char* type = attribute(attributes, "t");
            type_ = type ? type : "n";
            const char* style = attribute(attributes, "s");
            style_ = style ? std::atoi(style) : 0;
            value_.clear();
            in_cell_ = true;
        } else if (in_cell_ && name == "v") {
            in_value_ = true;
        } else if (in_cell_ && name == "is") {
            in_inline_ = true;
        } else if (in_inline_) {
            collector_.start(name);
        } else if (name == "mergeCell") {
            if (const char* ref = attribute(attributes, "ref"))
                add_merge(ref);
        }
    }

    void end(std::string_view name) override {
        if (name == "c" && in_cell_) {
            in_cell_ = false;
            finish_cell();
        } else if (name == "v") {
            in_value_ = false;
        } else if (name == "is") {
            in_inline_ = false;
        } else if (in_inline_) {
            collector_.end(name);
        }
    }

    void text(std::string_view piece) override {
        if (in_value_) {
            value_.append(piece);
            if (value_.size() > limits_.max_cell_bytes)
                fail_cell("holds more than " + std::to_string(limits_.max_cell_bytes) +
                          " bytes of text");
        } else if (in_inline_ && !collector_.text(piece, value_, limits_.max_cell_bytes)) {
            fail_cell("holds more than " + std::to_string(limits_.max_cell_bytes) +
                      " bytes of text");
        }
    }

private:
    Sheet& sheet_;
    const std::vector<std::string>& strings_;
    const StylesHandler& styles_;
    bool date1904_;
    const XlsxLimits& limits_;
    int row_ = -1;
    int column_ = -1;
    bool row_has_value_ = false;
    int rows_with_values_ = 0;
    bool in_cell_ = false;
    bool in_value_ = false;
    bool in_inline_ = false;
    std::string type_;
    int style_ = 0;
    std::string value_;
    TextCollector collector_;

    void fail(const std::string& message) {
        if (!stop_reason)
            stop_reason = sheet_.name + ": the sheet " + message;
    }
    void fail_cell(const std::string& message) {
        if (!stop_reason) {
            stop_cell = cell_name(sheet_, std::max(row_, 0), std::max(column_, 0));
            stop_reason = "the cell " + message;
        }
    }

    bool date_style() const {
        if (style_ < 0 || std::size_t(style_) >= styles_.cell_formats.size())
            return false;
        int id = styles_.cell_formats[std::size_t(style_)];
        auto custom = styles_.formats.find(id);
        return is_date_format(id, custom == styles_.formats.end() ? "" : custom->second);
    }

    void finish_cell() {
        if (row_ < 0)
            row_ = 0;
        Cell cell;
        if (type_ == "s") {
            if (value_.empty())
                return;
            std::size_t index = 0;
            auto [end, ec] = std::from_chars(value_.data(), value_.data() + value_.size(), index);
            if (ec != std::errc{} || end != value_.data() + value_.size() ||
                index >= strings_.size())
                return fail_cell("refers to shared string " + value_ +
                                 ", which the workbook "
                                 "does not have");
            cell.text = strings_[index];
        } else if (type_ == "inlineStr" || type_ == "str") {
            cell.text = normalise_breaks(unescape_ooxml(value_));
        } else if (type_ == "b") {
            if (value_.empty())
                return;
            cell.kind = Cell::Kind::boolean;
            cell.text = value_ == "1" || value_ == "true" ? "TRUE" : "FALSE";
        } else if (type_ == "e") {
            cell.kind = Cell::Kind::error;
            cell.text = value_;
        } else if (type_ == "d") { // an ISO 8601 date, as Strict Open XML may store one
            cell.date = parse_iso_date(std::string_view(value_).substr(0, 10));
            if (!cell.date)
                return fail_cell("holds the date \"" + value_ + "\", which is not a date");
            cell.kind = Cell::Kind::date;
            cell.text = format_iso(*cell.date);
        } else { // "n": a number, shown as a date when its format is one
            std::string_view text(value_);
            while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
                text.remove_prefix(1);
            while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
                text.remove_suffix(1);
            if (text.empty())
                return;
            double number = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
            if (ec != std::errc{} || end != text.data() + text.size())
                return fail_cell("holds \"" + value_ + "\" as a number, which is not a number");
            cell.kind = Cell::Kind::number;
            cell.number = number;
            cell.text = number_text(number);
            if (date_style()) {
                if (auto date = excel_serial_date(number, date1904_)) {
                    cell.kind = Cell::Kind::date;
                    cell.date = date;
                    cell.text = format_iso(*date);
                }
            }
        }
        if (cell.text.empty())
            return;
        if (column_ >= limits_.max_columns)
            return fail_cell("is past column " + column_letters(limits_.max_columns - 1) +
                             ": this is not an action plan");
        if (!row_has_value_) {
            row_has_value_ = true;
            if (++rows_with_values_ > limits_.max_rows)
                return fail("has more than " + std::to_string(limits_.max_rows) +
                            " rows with values: this is not an action plan (the limit is " +
                            std::to_string(limits_.max_rows) + " rows)");
        }
        sheet_.rows[row_][column_] = std::move(cell);
    }

    void add_merge(const char* text) {
        std::string_view ref(text);
        auto colon = ref.find(':');
        if (colon == std::string_view::npos)
            return;
        CellRef first = parse_cell_ref(ref.substr(0, colon));
        CellRef last = parse_cell_ref(ref.substr(colon + 1));
        if (first.row < 0 || first.column < 0 || last.row < first.row || last.column < first.column)
            return;
        if (sheet_.merges.size() >= 100000)
            return fail("has more than 100000 merged ranges: this is not an action plan");
        sheet_.merges.push_back({first.row, last.row, first.column, last.column});
    }
};

std::string find_target(const std::vector<Relationship>& relationships, std::string_view type) {
    for (const auto& relationship : relationships) {
        if (relationship.type == type)
            return relationship.target;
    }
    return {};
}

} // namespace

bool is_date_format(int id, std::string_view code) {
    if (id >= 14 && id <= 22)
        return true; // built-in: d/m/yyyy, d-mmm-yy, ..., m/d/yy h:mm
    if (id < 164 && code.empty())
        return false;
    // A custom format shows a date when it has day, month or year codes outside quoted text,
    // escapes and [brackets] ([Red], [$-809]); m alone with h or s is minutes.
    bool day_or_year = false, month_or_minute = false, hour_or_second = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        char c = char(std::tolower(static_cast<unsigned char>(code[i])));
        if (c == '"') {
            auto close = code.find('"', i + 1);
            i = close == std::string_view::npos ? code.size() : close;
        } else if (c == '[') {
            auto close = code.find(']', i + 1);
            i = close == std::string_view::npos ? code.size() : close;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;
        } else if (c == ';') {
            break; // the first section decides
        } else if (c == 'd' || c == 'y') {
            day_or_year = true;
        } else if (c == 'm') {
            month_or_minute = true;
        } else if (c == 'h' || c == 's') {
            hour_or_second = true;
        }
    }
    return day_or_year || (month_or_minute && !hour_or_second);
}

XlsxRead read_xlsx(std::string_view bytes,
                   const std::function<bool(std::string_view name, int index)>& wanted,
                   const XlsxLimits& limits) {
    XlsxRead result;
    if (bytes.empty()) {
        result.problem = Problem{"", 0, 0, "the file is empty, not an .xlsx workbook"};
        return result;
    }
    if (auto foreign = foreign_file_problem(bytes)) { // an .xls, an .ods, a PDF, ...
        result.problem = Problem{"", 0, 0, *foreign};
        return result;
    }
    try {
        Archive archive(bytes, limits);

        RelationshipsHandler root;
        archive.parse("_rels/.rels", root, true);
        std::string workbook_part = find_target(root.relationships, "officeDocument");
        workbook_part =
            workbook_part.empty() ? "xl/workbook.xml" : resolve_target("", workbook_part);
        // A Word document or a PowerPoint presentation is an Office Open XML zip too: its main
        // part is word/document.xml or ppt/presentation.xml.
        bool has_workbook = archive.has(workbook_part);
        auto main_part = [&](const std::string& part) {
            return workbook_part == part || (!has_workbook && archive.has(part));
        };
        if (main_part("word/document.xml"))
            throw ReadError("the file is a Word document (.docx), not a plan: copy its table "
                            "into Excel and save it as .xlsx (Excel Workbook) or CSV");
        if (main_part("ppt/presentation.xml"))
            throw ReadError("the file is a PowerPoint presentation (.pptx), not a plan: a plan "
                            "is an .xlsx workbook, a CSV file or a JSON plan");
        if (!has_workbook) {
            if (archive.has("content.xml") || archive.has("mimetype")) {
                std::string mimetype = archive.read_start("mimetype", 100);
                throw ReadError(opendocument_problem(
                    mimetype.empty() ? "application/vnd.oasis.opendocument.spreadsheet"
                                     : mimetype));
            }
            throw ReadError("the file is a zip archive but not an .xlsx workbook (it has no " +
                            workbook_part + ")");
        }

        WorkbookHandler workbook_handler(limits.max_sheets);
        archive.parse(workbook_part, workbook_handler);
        RelationshipsHandler workbook_relationships;
        archive.parse(relationships_part(workbook_part), workbook_relationships, true);

        Workbook workbook;
        workbook.date1904 = workbook_handler.date1904;
        if (workbook_handler.sheets.empty())
            throw ReadError("the workbook has no sheets");

        SharedStringsHandler strings(limits);
        std::string strings_target =
            find_target(workbook_relationships.relationships, "sharedStrings");
        archive.parse(strings_target.empty() ? "xl/sharedStrings.xml"
                                             : resolve_target(workbook_part, strings_target),
                      strings, true);
        StylesHandler styles;
        std::string styles_target = find_target(workbook_relationships.relationships, "styles");
        archive.parse(styles_target.empty() ? "xl/styles.xml"
                                            : resolve_target(workbook_part, styles_target),
                      styles, true);

        int index = 0;
        for (const auto& entry : workbook_handler.sheets) {
            workbook.all_sheets.push_back(entry.name);
            if (!wanted(entry.name, index++))
                continue;
            std::string target;
            for (const auto& relationship : workbook_relationships.relationships) {
                if (relationship.id == entry.relationship)
                    target = relationship.target;
            }
            if (target.empty())
                throw ReadError("the workbook's sheet \"" + entry.name +
                                "\" has no part: the workbook is damaged");
            Sheet sheet;
            sheet.name = entry.name;
            SheetHandler handler(sheet, strings.strings, styles, workbook.date1904, limits);
            archive.parse(resolve_target(workbook_part, target), handler);
            workbook.sheets.push_back(std::move(sheet));
        }
        result.workbook = std::move(workbook);
    } catch (const ReadError& error) {
        result.problem = Problem{"", 0, 0, error.what(), error.cell};
    } catch (const std::bad_alloc&) {
        result.problem = Problem{"", 0, 0, "the workbook is too large to read"};
    }
    return result;
}

} // namespace actionboard::spreadsheet
