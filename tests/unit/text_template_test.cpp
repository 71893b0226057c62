#include "scannedonly/text_template.hpp"

#include <gtest/gtest.h>

using namespace scannedonly;

TEST(TextTemplate, FillsKnownPlaceholdersAndKeepsTheRest) {
    const TemplateValues v = {{"FILE", "/srv/a%FILE%b"}, {"VIRUS", "Eicar"}};
    EXPECT_EQ(fill_template("%FILE%: %VIRUS%\n", v), "/srv/a%FILE%b: Eicar\n");
    EXPECT_EQ(fill_template("100%% sure, %TYPO% and %", v), "100% sure, %TYPO% and %");
    EXPECT_EQ(fill_template("%%VIRUS%%", v), "%VIRUS%");
    EXPECT_EQ(fill_template("", v), "");
    EXPECT_EQ(fill_template("%%%VIRUS%", v), "%Eicar");
}
