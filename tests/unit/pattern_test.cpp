#include "scannedonly/pattern.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace scannedonly;

TEST(Pattern, SearchesUnanchored) {
    Pattern p("\\.iso$");
    EXPECT_TRUE(p.matches("/srv/share/cd.iso"));
    EXPECT_FALSE(p.matches("/srv/share/cd.iso.txt"));
    EXPECT_TRUE(Pattern("/tmp/").matches("/srv/share/tmp/x"));
}

TEST(Pattern, InvalidPatternNamesItselfAndTheReason) {
    try {
        Pattern bad("(unclosed");
        FAIL() << "expected PatternError";
    } catch (const PatternError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("(unclosed"), std::string::npos) << message;
        EXPECT_NE(message.find("offset"), std::string::npos) << message;
    }
}

TEST(Pattern, NonUtf8SubjectsDoNotFail) {
    Pattern p("skip");
    EXPECT_TRUE(p.matches("/a/\xff/skip"));
    EXPECT_FALSE(p.matches("/a/\xff/keep"));
}

TEST(Pattern, UnicodeInPatterns) {
    EXPECT_TRUE(Pattern("/Bilder/.*\\.jpg$").matches("/srv/Bilder/Über.jpg"));
    EXPECT_TRUE(Pattern("^/srv/ä.$").matches("/srv/äö"));
}

TEST(Pattern, MatchesAnyOfAList) {
    std::vector<Pattern> list;
    list.emplace_back("\\.tmp$");
    list.emplace_back("/cache/");
    EXPECT_TRUE(matches_any(list, "/x/a.tmp"));
    EXPECT_TRUE(matches_any(list, "/x/cache/y"));
    EXPECT_FALSE(matches_any(list, "/x/a.txt"));
    EXPECT_FALSE(matches_any({}, "/x"));
}
