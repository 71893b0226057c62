#include "scannedonly/prescan_options.hpp"

#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

using namespace scannedonly;
using namespace std::chrono_literals;

namespace {
ParsedCommandLine parse(std::initializer_list<const char*> args) {
    std::vector<std::string> storage{"scannedonly_prescan"};
    storage.insert(storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : storage) argv.push_back(s.data());
    argv.push_back(nullptr);
    return parse_prescan_command_line(static_cast<int>(storage.size()), argv.data());
}

std::string usage_error(ParsedCommandLine parsed) {
    auto* error = std::get_if<UsageError>(&parsed);
    return error ? error->message : "";
}
}  // namespace

TEST(PrescanOptions, DefaultsUseTheModulesSocket) {
    auto o = std::get<PrescanOptions>(parse({"/srv/share"}));
    EXPECT_EQ(o.roots, std::vector<std::string>{"/srv/share"});
    EXPECT_EQ(o.socket, "/run/scannedonly/scan");
    EXPECT_FALSE(o.udp());
    EXPECT_FALSE(o.wait);
    EXPECT_FALSE(o.dry_run);
    EXPECT_FALSE(o.one_file_system);
    EXPECT_EQ(o.priority, Priority::Bulk);
}

TEST(PrescanOptions, PriorityIsChosenByName) {
    EXPECT_EQ(std::get<PrescanOptions>(parse({"--priority", "open", "/a"})).priority, Priority::Open);
    EXPECT_EQ(std::get<PrescanOptions>(parse({"--priority=normal", "/a"})).priority,
              Priority::Normal);
    EXPECT_NE(usage_error(parse({"--priority", "urgent", "/a"})).find("--priority"),
              std::string::npos);
    EXPECT_NE(std::string(prescan_usage()).find("--priority"), std::string::npos);
}

TEST(PrescanOptions, EveryOption) {
    auto o = std::get<PrescanOptions>(parse({"-x", "-q", "-n", "-e", "\\.iso$", "--exclude=/tmp/",
                                             "--wait=30m", "--rescan-older-than", "14d",
                                             "--max-pending", "50", "-s", "/run/s", "/a", "/b"}));
    EXPECT_TRUE(o.one_file_system && o.quiet && o.dry_run && o.wait);
    EXPECT_EQ(o.excludes.size(), 2u);
    EXPECT_EQ(o.wait_timeout, std::chrono::milliseconds(30min));
    EXPECT_EQ(o.rescan_older_than, std::chrono::milliseconds(24h * 14));
    EXPECT_EQ(o.max_pending, 50u);
    EXPECT_EQ(o.socket, "/run/s");
    EXPECT_EQ(o.roots.size(), 2u);
}

TEST(PrescanOptions, WaitWithoutTimeoutWaitsWithoutLimit) {
    auto o = std::get<PrescanOptions>(parse({"--wait", "/a"}));
    EXPECT_TRUE(o.wait);
    EXPECT_FALSE(o.wait_timeout);
    EXPECT_TRUE(std::get<PrescanOptions>(parse({"-w", "/a"})).wait);
    // A bare number is seconds.
    EXPECT_EQ(std::get<PrescanOptions>(parse({"--wait=90", "/a"})).wait_timeout,
              std::chrono::milliseconds(90s));
}

TEST(PrescanOptions, PortOrScanHostSelectsUdp) {
    auto by_port = std::get<PrescanOptions>(parse({"-p", "2021", "/a"}));
    EXPECT_TRUE(by_port.udp());
    EXPECT_EQ(by_port.port, 2021);
    auto by_host = std::get<PrescanOptions>(parse({"--scanhost", "scan1", "/a"}));
    EXPECT_TRUE(by_host.udp());
    EXPECT_EQ(by_host.scanhost, "scan1");
}

TEST(PrescanOptions, UsageErrorsSayWhatIsWrong) {
    EXPECT_NE(usage_error(parse({})).find("no file or directory given"), std::string::npos);
    EXPECT_NE(usage_error(parse({"--bogus", "/a"})).find("--bogus"), std::string::npos);
    EXPECT_NE(usage_error(parse({"-p", "70000", "/a"})).find("--portnum"), std::string::npos);
    EXPECT_NE(usage_error(parse({"--wait=soon", "/a"})).find("--wait"), std::string::npos);
    EXPECT_NE(usage_error(parse({"--rescan-older-than", "x", "/a"})).find("rescan"),
              std::string::npos);
    EXPECT_NE(usage_error(parse({"-e", "(", "/a"})).find("--exclude"), std::string::npos);
    EXPECT_NE(usage_error(parse({"--max-pending", "0", "/a"})).find("max-pending"),
              std::string::npos);
    EXPECT_NE(usage_error(parse({"-Z", "/a"})).find("-Z"), std::string::npos);
}

TEST(PrescanOptions, DaemonUserIsTrustedBesidesRoot) {
    auto plain = std::get<PrescanOptions>(parse({"/a"}));
    EXPECT_TRUE(plain.trusted.trusts(0));
    EXPECT_FALSE(plain.trusted.trusts(65534));
    auto with_user = std::get<PrescanOptions>(parse({"--daemon-user", "nobody", "/a"}));
    EXPECT_TRUE(with_user.trusted.trusts(0));
    EXPECT_TRUE(with_user.trusted.trusts(65534));
    EXPECT_NE(usage_error(parse({"--daemon-user", "no-such-user-here", "/a"})).find("no such user"),
              std::string::npos);
}

TEST(PrescanOptions, HelpAndVersion) {
    EXPECT_TRUE(std::holds_alternative<ShowHelp>(parse({"--help"})));
    EXPECT_TRUE(std::holds_alternative<ShowVersion>(parse({"-V"})));
}

TEST(PrescanOptions, OptionsAfterTheFirstDirectoryAreDirectories) {
    // "+" mode: a directory named like an option can follow "--" or a DIR.
    auto o = std::get<PrescanOptions>(parse({"/a", "-x"}));
    EXPECT_EQ(o.roots, (std::vector<std::string>{"/a", "-x"}));
    EXPECT_FALSE(o.one_file_system);
}

// The prefixes must be the daemon's and the module's, or no marker is found.
TEST(PrescanOptions, PrefixesAsTheDaemonsAndTheModules) {
    auto o = std::get<PrescanOptions>(parse({"/srv"}));
    EXPECT_EQ(o.prefixes.scanned, ".scanned:");
    o = std::get<PrescanOptions>(parse({"--pref-scanned", "_ok_", "--pref-virus", "_bad_",
                                        "--pref-failed", "_err_", "/srv"}));
    EXPECT_EQ(o.prefixes.scanned, "_ok_");
    EXPECT_EQ(o.prefixes.virus, "_bad_");
    EXPECT_EQ(o.prefixes.failed, "_err_");
    EXPECT_EQ(usage_error(parse({"--pref-failed", "a/b", "/srv"})),
              "--pref-failed: 'a/b': expected a non-empty name prefix without '/'");
    EXPECT_EQ(usage_error(parse({"--pref-virus", ".scanned:", "/srv"})),
              "--pref-scanned, --pref-virus, --pref-failed: the three prefixes must differ and "
              "none may start with another");
}

TEST(PrescanOptions, ConfigGivesWhatTheCommandLineLeavesUnset) {
    TempDir dir;
    const std::string conf = dir / "scannedonlyd.conf";
    std::ofstream(conf) << "ScanRoot /srv\nLocalSocket /run/s\nExcludePath \\.iso$\n"
                           "ScannedPrefix .ok:\nMaxThreads 3\n";
    auto o = std::get<PrescanOptions>(parse({"--config", conf.c_str(), "/srv"}));
    EXPECT_EQ(o.socket, "/run/s");
    EXPECT_FALSE(o.udp());
    ASSERT_EQ(o.excludes.size(), 1u);
    EXPECT_EQ(o.excludes[0].text(), "\\.iso$");
    EXPECT_EQ(o.prefixes.scanned, ".ok:");
    EXPECT_EQ(o.prefixes.virus, ".virus:");
    // Options win, before or after --config; a list given replaces the file's.
    o = std::get<PrescanOptions>(
        parse({"-s", "/tmp/s", "-e", "x", "--pref-scanned", ".s:", "-c", conf.c_str(), "/srv"}));
    EXPECT_EQ(o.socket, "/tmp/s");
    ASSERT_EQ(o.excludes.size(), 1u);
    EXPECT_EQ(o.excludes[0].text(), "x");
    EXPECT_EQ(o.prefixes.scanned, ".s:");
    // --portnum alone chooses UDP: the file's socket is not taken then.
    o = std::get<PrescanOptions>(parse({"-c", conf.c_str(), "-p", "2021", "/srv"}));
    EXPECT_EQ(o.socket, kDefaultRequestSocket);
    EXPECT_EQ(o.port, 2021);
}

TEST(PrescanOptions, RescanOutdatedReadsTheStampWhereTheDaemonPublishesIt) {
    auto o = std::get<PrescanOptions>(parse({"/srv"}));
    EXPECT_FALSE(o.rescan_outdated);
    EXPECT_EQ(o.signature_stamp_file, "/run/scannedonly/signatures");
    TempDir dir;
    const std::string conf = dir / "scannedonlyd.conf";
    std::ofstream(conf) << "ScanRoot /srv\nSignatureStampFile /srv/stamp\n";
    o = std::get<PrescanOptions>(parse({"--rescan-outdated", "-c", conf.c_str(), "/srv"}));
    EXPECT_TRUE(o.rescan_outdated);
    EXPECT_EQ(o.signature_stamp_file, "/srv/stamp");
    o = std::get<PrescanOptions>(
        parse({"--signature-stamp-file", "/x", "-c", conf.c_str(), "/srv"}));
    EXPECT_EQ(o.signature_stamp_file, "/x");
}

TEST(PrescanOptions, ConfigWithAPortSendsToWhereTheDaemonListens) {
    TempDir dir;
    const std::string conf = dir / "c";
    std::ofstream(conf) << "Port 2030\nListen ::1\n";
    auto o = std::get<PrescanOptions>(parse({"-c", conf.c_str(), "/srv"}));
    EXPECT_EQ(o.port, 2030);
    EXPECT_EQ(o.scanhost, "::1");
    std::ofstream(conf) << "Port 2030\nListen 0.0.0.0\n";  // any address: this host
    o = std::get<PrescanOptions>(parse({"-c", conf.c_str(), "/srv"}));
    EXPECT_EQ(o.scanhost, "localhost");
}

TEST(PrescanOptions, ABadConfigIsAUsageErrorNamingTheLine) {
    TempDir dir;
    const std::string conf = dir / "c";
    std::ofstream(conf) << "Exclude (\n";
    EXPECT_EQ(usage_error(parse({"-c", conf.c_str(), "/srv"})).rfind("--config: " + conf + ":1: Exclude: ", 0), 0u)
        << usage_error(parse({"-c", conf.c_str(), "/srv"}));
    EXPECT_EQ(usage_error(parse({"-c", (dir / "none").c_str(), "/srv"})),
              "--config: " + dir / "none" + ": cannot read: No such file or directory");
    std::ofstream(conf) << "VirusPrefix .ok:\n";  // the same as --pref-scanned below
    EXPECT_NE(usage_error(parse({"-c", conf.c_str(), "--pref-scanned", ".ok:", "/srv"})), "");
}
