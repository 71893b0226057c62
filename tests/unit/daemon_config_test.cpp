#include "scannedonly/daemon_config.hpp"

#include <gtest/gtest.h>

using namespace scannedonly;
using namespace std::chrono_literals;

namespace {
std::string error_of(std::string_view text) {
    try {
        DaemonConfig c;
        parse_config_text(c, text, "/etc/scannedonly/scannedonlyd.conf");
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST(DaemonConfig, DefaultsMatchTheOriginalDaemon) {
    DaemonConfig c;
    EXPECT_EQ(c.socket_path, "/var/lib/scannedonly/scan");
    EXPECT_FALSE(c.port);
    EXPECT_EQ(c.listen, "127.0.0.1");
    EXPECT_EQ(c.max_threads, 4u);
    EXPECT_EQ(c.max_large_threads, 1u);
    EXPECT_EQ(c.large_file_size, 5u << 20);
    EXPECT_EQ(c.queue_length, 5000u);
    EXPECT_EQ(c.database, "/var/lib/clamav");
}

TEST(DaemonConfig, ParsesEveryKindOfValue) {
    DaemonConfig c;
    parse_config_text(c,
                      "# comment\n"
                      "\n"
                      "  Port 2020\n"
                      "MaxThreads 8\n"
                      "maxlargethreads\t2\n"
                      "LargeFileSize 10M\n"
                      "QueueLength 100\n"
                      "ScanRoot /srv/a\n"
                      "ScanRoot /srv/b\n"
                      "Exclude \\.iso$\n"
                      "Exclude ^/srv/a/tmp/ # not a comment: part of the pattern\n"
                      "QuarantineDir /var/lib/scannedonly/quarantine\n"
                      "Database /var/lib/clamav\n"
                      "MaxFileSize 2G\n"
                      "MaxRecursion 10\n"
                      "LogLevel 3\n"
                      "StatusInterval 5\n"
                      "DatabaseCheckInterval 30s\n"
                      "Foreground yes\n",
                      "test.conf");
    EXPECT_EQ(c.port, 2020);
    EXPECT_EQ(c.max_threads, 8u);
    EXPECT_EQ(c.max_large_threads, 2u);
    EXPECT_EQ(c.large_file_size, 10u << 20);
    EXPECT_EQ(c.queue_length, 100u);
    EXPECT_EQ(c.scan_roots, (std::vector<std::string>{"/srv/a", "/srv/b"}));
    ASSERT_EQ(c.excludes.size(), 2u);
    EXPECT_TRUE(c.excludes[0].matches("/srv/a/cd.iso"));
    EXPECT_EQ(c.quarantine_dir, "/var/lib/scannedonly/quarantine");
    EXPECT_EQ(c.max_file_size, 2ull << 30);
    EXPECT_EQ(c.max_recursion, 10u);
    EXPECT_EQ(c.log_level, 3);
    EXPECT_EQ(c.status_interval, 5min);  // a bare number is minutes, like --time
    EXPECT_EQ(c.database_check_interval, 30s);
    EXPECT_TRUE(c.foreground);
}

TEST(DaemonConfig, ErrorsNameFileLineAndKey) {
    EXPECT_EQ(error_of("MaxThreads 4\nBogusKey 1\n"),
              "/etc/scannedonly/scannedonlyd.conf:2: BogusKey: unknown key");
    EXPECT_EQ(error_of("\n\nMaxThreads lots\n"),
              "/etc/scannedonly/scannedonlyd.conf:3: MaxThreads: 'lots' is not a number");
    EXPECT_EQ(error_of("MaxThreads 0\n"),
              "/etc/scannedonly/scannedonlyd.conf:1: MaxThreads: '0' is out of range 1..1024");
    EXPECT_EQ(error_of("Port\n"), "/etc/scannedonly/scannedonlyd.conf:1: Port: missing value");
    EXPECT_NE(error_of("LargeFileSize 5Q\n").find(":1: LargeFileSize: '5Q' is not a size"),
              std::string::npos);
    EXPECT_NE(error_of("ScanRoot srv\n").find(":1: ScanRoot: 'srv': path is not absolute"),
              std::string::npos);
    EXPECT_NE(error_of("ScanRoot /srv/\n").find("ScanRoot: '/srv/': path is not canonical"),
              std::string::npos);
    EXPECT_NE(error_of("Exclude (unclosed\n").find(":1: Exclude: invalid pattern '(unclosed'"),
              std::string::npos);
    EXPECT_NE(error_of("Listen localhost\n").find("Listen: 'localhost' is not an IPv4 address"),
              std::string::npos);
    EXPECT_NE(error_of("Foreground maybe\n").find("Foreground: 'maybe' is not yes or no"),
              std::string::npos);
    EXPECT_NE(error_of("LogLevel 4\n").find("LogLevel: '4' is out of range 0..3"),
              std::string::npos);
    EXPECT_NE(error_of("Port 65536\n").find("Port: '65536' is out of range"), std::string::npos);
}

TEST(DaemonConfig, CommandLineOverridesTheFileAndReplacesLists) {
    const std::vector<CommandLineSetting> cli = {
        {"--maxthreads", "MaxThreads", "2"},
        {"--scanroot", "ScanRoot", "/cli/one"},
        {"--scanroot", "ScanRoot", "/cli/two"},
    };
    DaemonConfig c =
        build_config("MaxThreads 8\nQueueLength 7\nScanRoot /file/root\n", "f.conf", cli);
    EXPECT_EQ(c.max_threads, 2u);
    EXPECT_EQ(c.queue_length, 7u);
    EXPECT_EQ(c.scan_roots, (std::vector<std::string>{"/cli/one", "/cli/two"}));
}

TEST(DaemonConfig, AScanRootIsRequired) {
    try {
        build_config("MaxThreads 8\n", "/etc/scannedonly/scannedonlyd.conf", {});
        FAIL() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_STREQ(e.what(),
                     "no scan root: set ScanRoot in /etc/scannedonly/scannedonlyd.conf (or "
                     "--scanroot) to the directories the shares serve (--scanroot / if any file "
                     "on this system may be scanned)");
    }
    EXPECT_EQ(build_config("ScanRoot /srv\n", "f.conf", {}).scan_roots,
              std::vector<std::string>{"/srv"});
    EXPECT_EQ(build_config("", "f.conf", {{"--scanroot", "ScanRoot", "/"}}).scan_roots,
              std::vector<std::string>{"/"});
}

TEST(DaemonConfig, CommandLineErrorsNameTheOption) {
    try {
        build_config("", "f.conf", {{"--queuelen", "QueueLength", "x"}});
        FAIL() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_STREQ(e.what(), "command line: --queuelen: 'x' is not a number");
    }
}
