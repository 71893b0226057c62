#include "scan_verdict.hpp"

#include <gtest/gtest.h>

using namespace scannedonlyd;

TEST(ScanVerdict, CleanOnlyWithoutAnyError) {
    EXPECT_EQ(verdict(CL_CLEAN, {}).kind, ScanResult::Clean);
    const ScanResult logged = verdict(CL_CLEAN, {"", true, ""});
    EXPECT_EQ(logged.kind, ScanResult::Failed);
    EXPECT_EQ(logged.detail, "libclamav reported an error during the scan");
}

TEST(ScanVerdict, OurOwnFailureWinsOverAnyResult) {
    for (cl_error_t rc : {CL_CLEAN, CL_VIRUS, CL_EREAD}) {
        const ScanResult r = verdict(rc, {"Eicar-Signature", false, "cannot read the file: EIO"});
        EXPECT_EQ(r.kind, ScanResult::Failed);
        EXPECT_EQ(r.detail, "cannot read the file: EIO");
    }
}

TEST(ScanVerdict, InfectedCarriesTheVirusName) {
    const ScanResult r = verdict(CL_VIRUS, {"Win.Test.EICAR_HDB-1", false, ""});
    EXPECT_EQ(r.kind, ScanResult::Infected);
    EXPECT_EQ(r.detail, "Win.Test.EICAR_HDB-1");
    EXPECT_EQ(verdict(CL_VIRUS, {}).detail, "unknown");
    EXPECT_EQ(verdict(CL_VIRUS, {}).kind, ScanResult::Infected);
}

TEST(ScanVerdict, AFileOverALimitIsNotScannedCompletelyRatherThanInfected) {
    const ScanResult r = verdict(CL_VIRUS, {"Heuristics.Limits.Exceeded.MaxFileSize", false, ""});
    EXPECT_EQ(r.kind, ScanResult::LimitsExceeded);
    EXPECT_EQ(r.detail, "Heuristics.Limits.Exceeded.MaxFileSize");
}

TEST(ScanVerdict, EveryOtherCodeFailsWithLibclamavsWords) {
    for (cl_error_t rc : {CL_EREAD, CL_EMEM, CL_EMAXSIZE, CL_ETIMEOUT, CL_EOPEN}) {
        const ScanResult r = verdict(rc, {});
        EXPECT_EQ(r.kind, ScanResult::Failed) << rc;
        EXPECT_EQ(r.detail, cl_strerror(rc)) << rc;
    }
}
