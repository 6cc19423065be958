// Secrets at rest: sealing round-trips only with the same key and context; anything else is
// refused with a code, and no error repeats the key.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/secret_box.hpp"

namespace polycopy::core {
namespace {

const std::string kKey = std::string(62, '7') + "0a";
const std::string kOtherKey = std::string(64, 'b');

TEST(SecretBox, SealedTextOpensWithTheSameKeyAndContextOnly) {
  const auto box = SecretBox::from_hex(kKey).value();
  const std::string secret = "0x" + std::string(62, '0') + "a1";
  const std::string sealed = box.seal(secret, "wallet:wal_1:private_key");
  EXPECT_TRUE(sealed.starts_with("v1:"));
  EXPECT_EQ(sealed.find(secret), std::string::npos);
  EXPECT_EQ(box.open(sealed, "wallet:wal_1:private_key").value(), secret);

  EXPECT_EQ(box.open(sealed, "wallet:wal_2:private_key").error().code, "secret_undecryptable");
  const auto other = SecretBox::from_hex(kOtherKey).value();
  EXPECT_EQ(other.open(sealed, "wallet:wal_1:private_key").error().code, "secret_undecryptable");
  std::string tampered = sealed;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_EQ(box.open(tampered, "wallet:wal_1:private_key").error().code, "secret_undecryptable");
  EXPECT_EQ(box.open("v1:!!", "x").error().code, "secret_undecryptable");
  EXPECT_EQ(box.open("v9:abcd", "x").error().code, "unsupported_secret_format");
}

TEST(SecretBox, EachSealUsesAFreshNonce) {
  const auto box = SecretBox::from_hex(kKey).value();
  EXPECT_NE(box.seal("same", "ctx"), box.seal("same", "ctx"));
  EXPECT_EQ(box.open(box.seal("", "ctx"), "ctx").value(), "");
}

TEST(SecretBox, BadKeysAreRefusedWithoutEchoingThem) {
  for (const std::string& bad : {std::string(63, 'a'), std::string(66, 'a'), std::string(64, 'g'),
                                 std::string(""), "0x" + std::string(62, 'a')}) {
    const auto box = SecretBox::from_hex(bad);
    ASSERT_FALSE(box.ok()) << bad;
    EXPECT_EQ(box.error().code, "invalid_secret_key");
    if (!bad.empty()) {
      EXPECT_EQ(box.error().message.find(bad), std::string::npos);
    }
  }
  EXPECT_TRUE(SecretBox::from_hex("  0x" + kKey + "\n").ok());
}

TEST(SecretBox, KeysFromFilesAndGeneratedKeys) {
  const auto path =
      std::filesystem::temp_directory_path() / ("polycopy_secret_box_" + std::to_string(getpid()));
  {
    std::ofstream out(path);
    out << kKey << "\n";
  }
  const auto from_file = SecretBox::from_file(path.string());
  ASSERT_TRUE(from_file.ok()) << from_file.error().to_string();
  const auto from_hex = SecretBox::from_hex(kKey).value();
  EXPECT_EQ(from_file->open(from_hex.seal("s", "c"), "c").value(), "s");
  std::filesystem::remove(path);
  EXPECT_EQ(SecretBox::from_file(path.string()).error().code, "secret_key_unreadable");

  const std::string a = SecretBox::generate_key_hex(), b = SecretBox::generate_key_hex();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
  EXPECT_TRUE(SecretBox::from_hex(a).ok());
}

}  // namespace
}  // namespace polycopy::core
