// Replays every input kept in tests/fuzz/regressions/ (crashes the fuzzers once found, and
// seeds) through the same code the fuzz targets run: a fixed bug stays fixed.
#include "fuzz_targets.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace fs = std::filesystem;

TEST_CASE("saved fuzz inputs replay without failing") {
    fs::path root = ACTIONBOARD_FUZZ_REGRESSIONS;
    int replayed = 0;
    for (const char* target : {"loader", "deadline", "query", "ref", "csv", "xlsx"}) {
        for (const auto& entry : fs::directory_iterator(root / target)) {
            if (!entry.is_regular_file() || entry.path().filename() == ".keep")
                continue;
            CAPTURE(entry.path().string());
            std::ifstream in(entry.path(), std::ios::binary);
            std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
            const std::uint8_t* data = bytes.empty() ? nullptr : bytes.data();
            std::string name = target;
            if (name == "loader")
                actionboard::fuzz::loader_input(data, bytes.size());
            else if (name == "deadline")
                actionboard::fuzz::deadline_input(data, bytes.size());
            else if (name == "query")
                actionboard::fuzz::query_input(data, bytes.size());
            else if (name == "ref")
                actionboard::fuzz::ref_input(data, bytes.size());
            else if (name == "csv")
                actionboard::fuzz::csv_input(data, bytes.size());
            else
                actionboard::fuzz::xlsx_input(data, bytes.size());
            ++replayed;
        }
    }
    CHECK(replayed >= 4);
}
