#include "scannedonly/vfs_options.hpp"

#include <gtest/gtest.h>

#include <map>

using namespace scannedonly;
using namespace std::chrono_literals;

namespace {
OptionsResult parse(std::map<std::string, std::string> values) {
    return parse_vfs_options([values](std::string_view name) -> std::optional<std::string> {
        auto it = values.find(std::string(name));
        if (it == values.end()) return std::nullopt;
        return it->second;
    });
}
}  // namespace

TEST(VfsOptions, DefaultsAreTheDocumentedOnes) {
    auto r = parse({});
    ASSERT_TRUE(r.options) << r.error;
    const VfsOptions& o = *r.options;
    EXPECT_TRUE(o.domain_socket);
    EXPECT_EQ(o.socketname, "/run/scannedonly/scan");
    EXPECT_EQ(o.portnum, 2020);
    EXPECT_EQ(o.scanhost, "localhost");
    EXPECT_TRUE(o.show_special_files);
    EXPECT_TRUE(o.rm_hidden_files_on_rmdir);
    EXPECT_TRUE(o.hide_nonscanned_files);
    EXPECT_EQ(o.scanning_message, "is being scanned for viruses");
    EXPECT_EQ(o.recheck_time_open, 50ms);
    EXPECT_EQ(o.recheck_tries_open, 100u);
    EXPECT_EQ(o.recheck_size_open, 100u * 1024);
    EXPECT_EQ(o.recheck_time_readdir, 50ms);
    EXPECT_EQ(o.recheck_tries_readdir, 20u);
    EXPECT_FALSE(o.allow_nonscanned_files);
    EXPECT_EQ(o.prefixes.scanned, ".scanned:");
    EXPECT_EQ(o.prefixes.virus, ".virus:");
    EXPECT_EQ(o.prefixes.failed, ".failed:");
    EXPECT_EQ(o.outdated_markers, OutdatedMarkers::Rescan);
    EXPECT_EQ(o.signature_stamp_file, "/run/scannedonly/signatures");
}

TEST(VfsOptions, OutdatedMarkersChoices) {
    EXPECT_EQ(parse({{"outdated_markers", "Wait"}}).options->outdated_markers,
              OutdatedMarkers::Wait);
    EXPECT_EQ(parse({{"outdated_markers", "ignore"}}).options->outdated_markers,
              OutdatedMarkers::Ignore);
    EXPECT_EQ(parse({{"signature_stamp_file", "/srv/stamp"}}).options->signature_stamp_file,
              "/srv/stamp");
}

TEST(VfsOptions, ValuesInSambaSpellingsAndUnits) {
    auto r = parse({{"domain_socket", "No"}, {"portnum", "3000"}, {"scanhost", "127.0.0.1"},
                    {"recheck_time_open", "2s"}, {"recheck_tries_open", "5"},
                    {"recheck_size_open", "2M"}, {"recheck_time_readdir", "10"},
                    {"allow_nonscanned_files", "TRUE"}, {"scanning_message", ""},
                    {"pref_scanned", "_ok_"}, {"daemon_user", "clamav"}});
    ASSERT_TRUE(r.options) << r.error;
    EXPECT_FALSE(r.options->domain_socket);
    EXPECT_EQ(r.options->portnum, 3000);
    EXPECT_EQ(r.options->recheck_time_open, 2s);
    EXPECT_EQ(r.options->recheck_size_open, 2u << 20);
    EXPECT_EQ(r.options->recheck_time_readdir, 10ms);
    EXPECT_TRUE(r.options->allow_nonscanned_files);
    EXPECT_EQ(r.options->scanning_message, "");
    EXPECT_EQ(r.options->prefixes.scanned, "_ok_");
    EXPECT_EQ(r.options->daemon_user, "clamav");
}

TEST(VfsOptions, BareSizeIsKibibytesAsInTheOriginal) {
    auto r = parse({{"recheck_size_open", "100"}});
    ASSERT_TRUE(r.options);
    EXPECT_EQ(r.options->recheck_size_open, 102400u);
}

TEST(VfsOptions, InvalidValuesAreRefusedWithTheOptionNamed) {
    const std::map<std::string, std::string> bad[] = {
        {{"domain_socket", "maybe"}}, {{"portnum", "0"}}, {{"portnum", "70000"}},
        {{"socketname", "relative/sock"}}, {{"recheck_tries_open", "-1"}},
        {{"recheck_tries_open", "ten"}}, {{"recheck_time_open", "50 parsecs"}},
        {{"recheck_size_open", "big"}}, {{"pref_scanned", ""}}, {{"pref_virus", "a/b"}},
        {{"scanning_message", "x/y"}}, {{"scanhost", "two words"}},
        {{"pref_failed", ".scanned:"}}, {{"pref_virus", ".scanned"}},
        {{"recheck_time_open", "1s"}, {"recheck_tries_open", "61"}},
        {{"recheck_time_readdir", "1m"}, {"recheck_tries_readdir", "2"}},
        {{"outdated_markers", "serve"}}, {{"signature_stamp_file", "stamp"}},
    };
    for (const auto& values : bad) {
        auto r = parse(values);
        EXPECT_FALSE(r.options) << values.begin()->first;
        EXPECT_NE(r.error.find("scannedonly:"), std::string::npos) << r.error;
        EXPECT_NE(r.error.find(values.begin()->first), std::string::npos) << r.error;
    }
}

TEST(VfsOptions, UnknownNamesInASettingsDump) {
    const std::string dump =
        "\n[demo]\n\tpath = /srv\n\tvfs objects = scannedonly\n"
        "\tscannedonly:Hide_NonScanned_Files = no\n"
        "\tscannedonly:hide_nonscaned_files = no\n"
        "\tscannedonly:socketname = /run/scan\n"
        "\tother:option = 1\n"
        "\tscannedonly:bogus=1\n";
    EXPECT_EQ(unknown_option_names(dump),
              (std::vector<std::string>{"hide_nonscaned_files", "bogus"}));
    EXPECT_TRUE(unknown_option_names("").empty());
}

// Samba's lp_parm_* lookups compare keys with strwicmp: case and every
// white-space character ignored. The original documentation writes
// "scannedonly: domain_socket = False".
TEST(VfsOptions, ParametricKeysAsSambaComparesThem) {
    EXPECT_EQ(parametric_key("scannedonly: domain_socket "), "scannedonly:domain_socket");
    EXPECT_EQ(parametric_key("\tScannedOnly :\vDomain_Socket"), "scannedonly:domain_socket");
    EXPECT_EQ(parametric_key("scannedonly:domain socket"), "scannedonly:domainsocket");
}

TEST(VfsOptions, EveryOptionIsKnownInBothSpellings) {
    std::vector<std::string> names;
    parse_vfs_options([&](std::string_view name) {
        names.emplace_back(name);
        return std::optional<std::string>();
    });
    ASSERT_EQ(names.size(), 20u);
    for (const std::string& name : names) {
        const std::string dump = "[s]\n\tscannedonly:" + name + " = 1\n" +
                                 "\tscannedonly: " + name + " = 1\n" +
                                 "\tScannedOnly : " + name + "\t= 1\n";
        EXPECT_TRUE(unknown_option_names(dump).empty()) << name;
    }
}

TEST(VfsOptions, MisspeltNamesAreUnknownWhateverTheSpacing) {
    EXPECT_EQ(unknown_option_names("\tscannedonly: hide_nonscaned_files = no\n"),
              (std::vector<std::string>{"hide_nonscaned_files"}));
    EXPECT_EQ(unknown_option_names("\tscannedonly: = no\n"), (std::vector<std::string>{""}));
}
