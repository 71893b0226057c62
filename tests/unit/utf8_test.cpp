#include "scannedonly/utf8.hpp"

#include <gtest/gtest.h>

using scannedonly::is_valid_utf8;
using scannedonly::utf8_sequence_length;

TEST(Utf8, AcceptsValidText) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("plain ascii"));
    EXPECT_TRUE(is_valid_utf8("gr\xc3\xbc\xc3\x9f"));            // grüß
    EXPECT_TRUE(is_valid_utf8("\xe2\x82\xac"));                  // €
    EXPECT_TRUE(is_valid_utf8("\xf0\x9f\x98\x80"));              // emoji
    EXPECT_TRUE(is_valid_utf8("\xf4\x8f\xbf\xbf"));              // U+10FFFF
}

TEST(Utf8, RejectsMalformedText) {
    EXPECT_FALSE(is_valid_utf8("\xff"));
    EXPECT_FALSE(is_valid_utf8("\xc3"));                 // truncated
    EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));             // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xe0\x80\xaf"));         // overlong
    EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));         // surrogate
    EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));     // above U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\x80"));                 // lone continuation
    EXPECT_FALSE(is_valid_utf8("a\xe2\x82"));            // truncated at end
}

TEST(Utf8, SequenceLengthIsThatOfTheFirstCharacter) {
    EXPECT_EQ(utf8_sequence_length(""), 0u);
    EXPECT_EQ(utf8_sequence_length("ab"), 1u);
    EXPECT_EQ(utf8_sequence_length("\xc3\xbcx"), 2u);
    EXPECT_EQ(utf8_sequence_length("\xe2\x82\xac"), 3u);
    EXPECT_EQ(utf8_sequence_length("\xf0\x9f\x98\x80"), 4u);
    EXPECT_EQ(utf8_sequence_length("\xe2\x82"), 0u);      // truncated
    EXPECT_EQ(utf8_sequence_length("\x80" "a"), 0u);      // lone continuation
    EXPECT_EQ(utf8_sequence_length("\xed\xa0\x80"), 0u);  // surrogate
}
