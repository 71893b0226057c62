#include "scannedonly/printable.hpp"

#include <gtest/gtest.h>

#include <cstdio>

using scannedonly::printable;

TEST(Printable, KeepsOrdinaryTextAndUtf8) {
    EXPECT_EQ(printable(""), "");
    EXPECT_EQ(printable("/srv/share/a b.txt"), "/srv/share/a b.txt");
    EXPECT_EQ(printable("/srv/gr\xc3\xbc\xc3\x9f \xe2\x82\xac"), "/srv/gr\xc3\xbc\xc3\x9f \xe2\x82\xac");
    EXPECT_EQ(printable("\xc2\xa0"), "\xc2\xa0");  // U+00A0, just past the C1 controls
}

TEST(Printable, EscapesControlCharactersAndTheBackslash) {
    EXPECT_EQ(printable("a\nforged line"), "a\\x0aforged line");
    EXPECT_EQ(printable("\x1b[2Jx\t\r\x7f"), "\\x1b[2Jx\\x09\\x0d\\x7f");
    EXPECT_EQ(printable(std::string_view("a\0b", 3)), "a\\x00b");
    EXPECT_EQ(printable("a\\x0ab"), "a\\x5cx0ab");  // reads back unambiguously
}

TEST(Printable, EscapesC1ControlsAndBytesThatAreNotUtf8) {
    EXPECT_EQ(printable("\xc2\x9b" "2J"), "\\xc2\\x9b2J");  // U+009B, CSI
    EXPECT_EQ(printable("\xc2\x85"), "\\xc2\\x85");          // U+0085, NEL
    EXPECT_EQ(printable("caf\xe9"), "caf\\xe9");             // Latin-1
    EXPECT_EQ(printable("\xc0\xaf"), "\\xc0\\xaf");          // overlong '/'
    EXPECT_EQ(printable("a\xe2\x82"), "a\\xe2\\x82");        // truncated
}

TEST(Printable, EscapesBidiControlsAndUnicodeLineBreaks) {
    // "report\u202Etxt.exe" would display as "reportexe.txt".
    EXPECT_EQ(printable("report\xe2\x80\xaetxt.exe"), "report\\xe2\\x80\\xaetxt.exe");
    EXPECT_EQ(printable("\xe2\x81\xa6x\xe2\x81\xa9"), "\\xe2\\x81\\xa6x\\xe2\\x81\\xa9");  // LRI, PDI
    EXPECT_EQ(printable("\xd8\x9c\xe2\x80\x8f"), "\\xd8\\x9c\\xe2\\x80\\x8f");  // ALM, RLM
    EXPECT_EQ(printable("a\xe2\x80\xa8" "b"), "a\\xe2\\x80\\xa8" "b");  // U+2028
    EXPECT_EQ(printable("\xe2\x80\x8d"), "\xe2\x80\x8d");  // U+200D, a joiner in emoji, stays
}

TEST(Printable, CutsAtTheLimit) {
    EXPECT_EQ(printable("abcdef", 6), "abcdef");
    EXPECT_EQ(printable("abcdefg", 6), "abcdef...");
    EXPECT_EQ(printable("\n\n\n", 2), "\\x0a\\x0a...");
    EXPECT_EQ(printable("ab\xe2\x82\xac", 3), "ab\\xe2...");  // a cut sequence is escaped
}

TEST(Printable, NoControlCharacterSurvives) {
    // The virus log's fields are tab-separated lines: none may split one.
    for (int c = 0; c < 0x20; ++c) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "\\x%02x", c);
        EXPECT_EQ(printable(std::string("a") + static_cast<char>(c) + "b"),
                  std::string("a") + hex + "b")
            << "byte " << c;
    }
    EXPECT_EQ(printable("a\x7f" "b"), "a\\x7fb");
    EXPECT_EQ(printable("evil\r.com\tEICAR\n"), "evil\\x0d.com\\x09EICAR\\x0a");
}
