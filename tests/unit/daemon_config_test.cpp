#include "scannedonly/config_report.hpp"
#include "scannedonly/daemon_cli.hpp"
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
    EXPECT_EQ(c.socket_path, "/run/scannedonly/scan");
    EXPECT_FALSE(c.port);
    EXPECT_EQ(c.listen, "localhost");  // 127.0.0.1 and ::1, as the module resolves it
    EXPECT_EQ(c.prefixes.scanned, ".scanned:");
    EXPECT_EQ(c.prefixes.virus, ".virus:");
    EXPECT_EQ(c.prefixes.failed, ".failed:");
    EXPECT_EQ(c.failed_retry_interval, 1h);
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
    EXPECT_NE(error_of("Listen 127.0.0.1:20\n")
                  .find("Listen: '127.0.0.1:20' is not an IPv4 or IPv6 address or a host name"),
              std::string::npos);
    EXPECT_NE(error_of("Listen [::1]\n").find("Listen: '[::1]' is not an IPv4 or IPv6"),
              std::string::npos);
    EXPECT_NE(error_of("ScannedPrefix a/b\n")
                  .find("ScannedPrefix: 'a/b': expected a non-empty name prefix without '/'"),
              std::string::npos);
    EXPECT_NE(error_of("FailedRetryInterval soon\n").find("FailedRetryInterval: 'soon' is not"),
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

namespace {
DaemonConfig from_command_line(std::vector<const char*> args) {
    args.insert(args.begin(), "scannedonlyd");
    args.push_back("--scanroot=/srv");
    const DaemonCommandLine cl =
        parse_daemon_command_line(static_cast<int>(args.size()), const_cast<char**>(args.data()));
    return build_config("", "f.conf", cl.settings);
}
}  // namespace

// Every option of the original 0.21 in its long and short form, with the
// original's unit for a bare number.
TEST(DaemonCommandLine, TheOriginalsOptionsInTheirUnits) {
    EXPECT_EQ(from_command_line({"-b", "5"}).large_file_size, 5u << 20);  // MB in the original
    EXPECT_EQ(from_command_line({"--big", "5"}).large_file_size, 5u << 20);
    EXPECT_EQ(from_command_line({"--big", "512k"}).large_file_size, 512u << 10);
    EXPECT_EQ(from_command_line({"-m", "5"}).status_interval, 5min);  // minutes
    EXPECT_EQ(from_command_line({"--time", "5"}).status_interval, 5min);
    EXPECT_EQ(from_command_line({"--time", "30s"}).status_interval, 30s);
    EXPECT_EQ(from_command_line({"-t", "8"}).max_threads, 8u);
    EXPECT_EQ(from_command_line({"--maxthreads", "8"}).max_threads, 8u);
    EXPECT_EQ(from_command_line({"-q", "100"}).queue_length, 100u);
    EXPECT_EQ(from_command_line({"--queuelen", "100"}).queue_length, 100u);
    EXPECT_EQ(from_command_line({"-p", "2020"}).port, 2020);
    EXPECT_EQ(from_command_line({"--portnum", "2020"}).port, 2020);
    EXPECT_EQ(from_command_line({"-s", "/run/s"}).socket_path, "/run/s");
    EXPECT_EQ(from_command_line({"-d", "/q"}).quarantine_dir, "/q");
    EXPECT_EQ(from_command_line({"--quarantainedir", "/q"}).quarantine_dir, "/q");
    EXPECT_EQ(from_command_line({"-g", "2", "-t", "4"}).max_large_threads, 2u);
    EXPECT_EQ(from_command_line({"-r", "/a"}).scan_roots, (std::vector<std::string>{"/a", "/srv"}));
}

TEST(DaemonConfig, BareNumbersKeepEachKeysUnit) {
    DaemonConfig c;
    parse_config_text(c,
                      "LargeFileSize 5\nStatusInterval 5\nMaxFileSize 5\nMaxScanSize 7\n"
                      "DatabaseCheckInterval 5\nFailedRetryInterval 5\n",
                      "f.conf");
    EXPECT_EQ(c.large_file_size, 5u << 20);  // --big: MiB
    EXPECT_EQ(c.status_interval, 5min);      // --time: minutes
    EXPECT_EQ(c.max_file_size, 5u);          // clamd.conf: bytes
    EXPECT_EQ(c.max_scan_size, 7u);
    EXPECT_EQ(c.database_check_interval, 5s);  // clamd's SelfCheck: seconds
    EXPECT_EQ(c.failed_retry_interval, 5s);
}

TEST(DaemonConfig, PrefixesAndRetryFromFileAndCommandLine) {
    DaemonConfig c = from_command_line({"--pref-scanned", "_ok_", "--pref-virus", "_bad_",
                                        "--pref-failed", "_err_", "--failed-retry", "0"});
    EXPECT_EQ(c.prefixes.scanned, "_ok_");
    EXPECT_EQ(c.prefixes.virus, "_bad_");
    EXPECT_EQ(c.prefixes.failed, "_err_");
    EXPECT_EQ(c.failed_retry_interval, 0ms);
    c = build_config("ScannedPrefix ok_\nFailedRetryInterval 2h\nScanRoot /srv\n", "f.conf", {});
    EXPECT_EQ(c.prefixes.scanned, "ok_");
    EXPECT_EQ(c.failed_retry_interval, 2h);
    try {
        from_command_line({"--pref-virus", ".scanned:x"});
        FAIL() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_STREQ(e.what(), "ScannedPrefix, VirusPrefix, FailedPrefix: the three prefixes "
                               "must differ and none may start with another");
    }
}

TEST(DaemonConfig, ListenTakesIPv4IPv6AndHostNames) {
    for (const char* address : {"127.0.0.1", "::1", "0.0.0.0", "::", "fe80::1", "localhost",
                                "scan.example.org"})
        EXPECT_EQ(from_command_line({"--listen", address}).listen, address);
}

// --help says what each option does and its default, as clamd's does.
TEST(DaemonCommandLine, HelpDescribesEveryOptionWithItsDefault) {
    const std::string help = daemon_usage();
    std::string joined = help;  // descriptions wrapped onto one line
    for (std::size_t at; (at = joined.find("\n        ")) != std::string::npos;)
        joined.replace(at, 9, " ");
    for (const char* line :
         {"-b, --big SIZE  (LargeFileSize)", "a bare number is MiB, as in the original (default 5)",
          "-m, --time DURATION  (StatusInterval)", "bare number is minutes",
          "--failed-retry DURATION  (FailedRetryInterval)", "(default 1h)",
          "--pref-scanned PREFIX  (ScannedPrefix)", "(default .scanned:)",
          "--listen ADDRESS  (Listen)", "(default localhost: 127.0.0.1 and ::1)",
          "-t, --maxthreads N  (MaxThreads)", "scanning threads (default 4)",
          "-V, --version", "libclamav"})
        EXPECT_NE(joined.find(line), std::string::npos) << line;
    // Every option line is followed by its description.
    std::size_t options = 0, described = 0;
    for (std::size_t at = 0; (at = help.find('\n', at)) != std::string::npos; ++at) {
        const std::size_t text = help.find_first_not_of(' ', at + 1);
        if (text == std::string::npos || text - at - 1 > 6 || help[text] != '-') continue;
        ++options;
        const std::size_t next = help.find('\n', text);
        if (help.compare(next + 1, 8, "        ") == 0 && help[next + 9] != ' ') ++described;
    }
    EXPECT_GT(options, 25u);
    EXPECT_EQ(options, described);
}

TEST(DaemonConfig, LargeFilesAreScannedWholeByDefault) {
    const DaemonConfig c;
    EXPECT_EQ(c.max_file_size, 0u);  // no limit: larger files are scanned in windows
    EXPECT_EQ(c.scan_window, 192ull << 20);
    EXPECT_GE(c.max_scan_size, c.scan_window);  // a whole window fits the scan size
    EXPECT_EQ(c.exceeds_max_action, scannedonly::ExceedsMaxAction::Fail);
}

TEST(DaemonConfig, ScanWindowAndExceedsMaxAction) {
    DaemonConfig c;
    parse_config_text(c, "ScanWindow 64\nExceedsMaxAction Allow\n", "f.conf");
    EXPECT_EQ(c.scan_window, 64u << 20);  // a bare number is MiB
    EXPECT_EQ(c.exceeds_max_action, scannedonly::ExceedsMaxAction::Allow);
    EXPECT_EQ(from_command_line({"--scan-window", "2047M"}).scan_window, 2047ull << 20);
    EXPECT_EQ(from_command_line({"--exceeds-max-action", "fail"}).exceeds_max_action,
              scannedonly::ExceedsMaxAction::Fail);
    EXPECT_EQ(apply_setting(c, "ScanWindow", "2G"), "'2G' is out of range 16M..2047M");
    EXPECT_EQ(apply_setting(c, "ScanWindow", "8M"), "'8M' is out of range 16M..2047M");
    EXPECT_EQ(c.scan_window, 64u << 20);  // a refused value leaves the setting alone
    EXPECT_EQ(apply_setting(c, "ExceedsMaxAction", "ignore"), "'ignore' is not fail or allow");
}

TEST(DaemonConfig, ControlSocketKeys) {
    DaemonConfig c;
    EXPECT_EQ(c.control_socket, "/run/scannedonly/control");
    EXPECT_EQ(c.control_group, "");
    EXPECT_EQ(c.command_read_timeout, 10s);
    parse_config_text(c, "ControlSocket /run/x/ctl\nControlGroup adm\nControlConnections 3\n"
                         "CommandReadTimeout 2\n", "f");
    EXPECT_EQ(c.control_socket, "/run/x/ctl");
    EXPECT_EQ(c.control_group, "adm");
    EXPECT_EQ(c.control_connections, 3u);
    EXPECT_EQ(c.command_read_timeout, 2s);
    EXPECT_EQ(error_of("ControlGroup ../etc\n"),
              "/etc/scannedonly/scannedonlyd.conf:1: ControlGroup: '../etc' is not a group name");
    EXPECT_EQ(error_of("CommandReadTimeout 0\n"),
              "/etc/scannedonly/scannedonlyd.conf:1: CommandReadTimeout: '0' must be more than 0");
    EXPECT_NE(error_of("ControlConnections 0\n"), "");
    EXPECT_NE(error_of("ControlSocket relative\n"), "");
}

TEST(DaemonConfig, VirusActionIsAProgramAndItsArgumentsWithoutAShell) {
    DaemonConfig c;
    EXPECT_TRUE(c.virus_action.empty());
    parse_config_text(c, "VirusAction /usr/local/bin/notify  --to root\tnow\n"
                         "VirusActionMax 2\nVirusActionTimeout 5s\n", "f");
    EXPECT_EQ(c.virus_action, (std::vector<std::string>{"/usr/local/bin/notify", "--to", "root", "now"}));
    EXPECT_EQ(c.virus_action_max, 2u);
    EXPECT_EQ(c.virus_action_timeout, 5s);
    EXPECT_EQ(error_of("VirusAction mail root\n"),
              "/etc/scannedonly/scannedonlyd.conf:1: VirusAction: 'mail': path is not absolute");
    EXPECT_NE(error_of("VirusActionTimeout 0\n"), "");
    EXPECT_NE(error_of("VirusActionMax 0\n"), "");
}

TEST(DaemonConfig, CheckConfigReportsEveryKeyWithItsSource) {
    std::vector<std::string> reported;
    for (std::string k : reported_keys()) {
        for (char& ch : k) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        reported.push_back(k);
    }
    for (const std::string& key : setting_keys())
        EXPECT_NE(std::find(reported.begin(), reported.end(), key), reported.end()) << key;
    SettingSources sources;
    const DaemonConfig c = build_config("# c\nScanRoot /srv/a\nScanRoot /srv/b\nMaxThreads 2\n",
                                        "/etc/s.conf",
                                        {{"--maxthreads", "MaxThreads", "3"}}, &sources);
    const std::string text = effective_settings(c, sources);
    EXPECT_NE(text.find("ScanRoot /srv/a  # /etc/s.conf:3\nScanRoot /srv/b  # /etc/s.conf:3\n"),
              std::string::npos) << text;
    EXPECT_NE(text.find("MaxThreads 3  # command line --maxthreads\n"), std::string::npos);
    EXPECT_NE(text.find("Socket /run/scannedonly/scan  # default\n"), std::string::npos);
    EXPECT_NE(text.find("ControlGroup (none)  # default\n"), std::string::npos);
}

TEST(DaemonConfig, ClamdNamesAreAliasesOfTheirKeys) {
    SettingSources sources;
    const DaemonConfig c = build_config(
        "ScanRoot /srv\nLocalSocket /var/lib/scannedonly/scan\nDatabaseDirectory /srv/db\n"
        "ExcludePath \\.iso$\nexcludepath ^/srv/tmp/\nMaxQueue 77\n",
        "/etc/s.conf", {}, &sources);
    EXPECT_EQ(c.socket_path, "/var/lib/scannedonly/scan");
    EXPECT_EQ(c.database, "/srv/db");
    ASSERT_EQ(c.excludes.size(), 2u);
    EXPECT_EQ(c.excludes[1].text(), "^/srv/tmp/");
    EXPECT_EQ(c.queue_length, 77u);
    const std::string text = effective_settings(c, sources);
    EXPECT_NE(text.find("Socket /var/lib/scannedonly/scan  # /etc/s.conf:2 as LocalSocket\n"),
              std::string::npos) << text;
    EXPECT_NE(text.find("Database /srv/db  # /etc/s.conf:3 as DatabaseDirectory\n"),
              std::string::npos);
    EXPECT_NE(text.find("Exclude ^/srv/tmp/  # /etc/s.conf:5 as excludepath\n"), std::string::npos);
    EXPECT_NE(text.find("QueueLength 77  # /etc/s.conf:6 as MaxQueue\n"), std::string::npos);
    // An alias and its key are one setting: the later line wins.
    EXPECT_EQ(build_config("ScanRoot /a\nQueueLength 5\nMaxQueue 6\n", "f", {}).queue_length, 6u);
    // A list given on the command line replaces the file's, by either name.
    EXPECT_TRUE(build_config("ScanRoot /a\nExcludePath x\n", "f", {{"--exclude", "Exclude", "y"}})
                    .excludes.size() == 1);
    EXPECT_EQ(error_of("MaxQueue 0\n"),
              "/etc/scannedonly/scannedonlyd.conf:1: MaxQueue: '0' is out of range 1..10000000");
}

TEST(DaemonConfig, ClamdKeysWithoutAnEquivalentAreRefusedWithTheReason) {
    EXPECT_EQ(error_of("LogFile /var/log/clamav/clamav.log\n").rfind(
                  "/etc/scannedonly/scannedonlyd.conf:1: LogFile: not supported: scannedonlyd "
                  "logs to syslog", 0),
              0u) << error_of("LogFile /x\n");
    EXPECT_NE(error_of("User clamav\n").find("User: not supported: scannedonlyd does not drop "
                                             "privileges"),
              std::string::npos);
    EXPECT_EQ(error_of("LocalSocketMode 666\n"),
              "/etc/scannedonly/scannedonlyd.conf:1: LocalSocketMode: unknown key");
}

TEST(DaemonConfig, MaxScanTimeIsMillisecondsAsInClamd) {
    EXPECT_EQ(DaemonConfig().max_scan_time, 120s);  // libclamav's default
    DaemonConfig c;
    parse_config_text(c, "MaxScanTime 300000\n", "f");
    EXPECT_EQ(c.max_scan_time, 300s);
    parse_config_text(c, "MaxScanTime 10m\n", "f");
    EXPECT_EQ(c.max_scan_time, 10min);
    parse_config_text(c, "MaxScanTime 0\n", "f");
    EXPECT_EQ(c.max_scan_time, 0ms);
    EXPECT_NE(error_of("MaxScanTime 50d\n").find("longer than libclamav's limit"),
              std::string::npos);
    EXPECT_NE(error_of("MaxScanTime soon\n"), "");
}

TEST(DaemonConfig, ClamdServersInOrderAndRefusedWhenMissingOrMalformed) {
    const DaemonConfig c = build_config(
        "ScanRoot /srv\nEngine clamd\nClamdSocket /run/clamav/clamd.ctl\nClamdTcp scan1:3310\n"
        "ClamdTcp [::1]:3311\nClamdConnections 4\nClamdTimeout 90\n",
        "f.conf", {});
    EXPECT_EQ(c.engine, EngineKind::Clamd);
    EXPECT_EQ(c.clamd_sockets, std::vector<std::string>{"/run/clamav/clamd.ctl"});
    ASSERT_EQ(c.clamd_tcp.size(), 2u);
    EXPECT_EQ(c.clamd_tcp[1].name(), "tcp:[::1]:3311");
    EXPECT_EQ(c.clamd_connections, 4u);
    EXPECT_EQ(c.clamd_timeout, 90s);
    EXPECT_EQ(DaemonConfig{}.engine, EngineKind::Libclamav);
    try {
        build_config("ScanRoot /srv\nEngine clamd\n", "f.conf", {});
        FAIL() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_STREQ(e.what(), "Engine clamd: no server; set ClamdSocket PATH or ClamdTcp "
                               "HOST:PORT (repeatable) in f.conf");
    }
    EXPECT_EQ(error_of("ClamdTcp scan1\n"),
              "/etc/scannedonly/scannedonlyd.conf:1: ClamdTcp: 'scan1' is not HOST:PORT (an IPv6 "
              "address in brackets)");
    EXPECT_TRUE(error_of("ClamdSocket clamd.ctl\n")
                    .starts_with("/etc/scannedonly/scannedonlyd.conf:1: ClamdSocket: 'clamd.ctl'"));
    EXPECT_EQ(error_of("Engine clamav\n"),
              "/etc/scannedonly/scannedonlyd.conf:1: Engine: 'clamav' is not libclamav or clamd");
}
