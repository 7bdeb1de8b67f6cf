// Internal: an insert-only table of strings to ids, made for the short keys of words.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace precis::detail {

// Strings to ids in one flat array (open addressing, linear probing, at most half full), so a
// distinct token costs no node to allocate and free, and short keys get a hash made for them.
// Insert-only; the keys are views of strings the caller keeps alive and unchanged while the table
// lives.
class StringIds {
 public:
  explicit StringIds(std::size_t expected) { rehash(std::bit_ceil(std::max<std::size_t>(16, 2 * expected))); }

  // The id of `key`, or nullptr when it has none.
  const std::uint32_t* find(std::string_view key) const {
    const Slot& slot = slots_[index_of(key, hash_of(key))];
    return slot.data ? &slot.id : nullptr;
  }

  // Gives `key`, which has no id yet, the id `id`.
  void insert(std::string_view key, std::uint32_t id) {
    slots_[index_of(key, hash_of(key))] = {key.data(), static_cast<std::uint32_t>(key.size()), id};
    if (2 * ++size_ > slots_.size()) rehash(2 * slots_.size());
  }

 private:
  // 16 bytes, so a table of a news article's words fits the first-level cache better; the hash
  // is not kept (recomputing it on a rehash costs less than the memory). Keys are tokens or
  // terms, far shorter than 4 GB.
  struct Slot {
    const char* data = nullptr;  // null: free (every key views memory, so none is null)
    std::uint32_t size = 0;
    std::uint32_t id = 0;

    bool holds(std::string_view key) const {
      return size == key.size() && std::memcmp(data, key.data(), key.size()) == 0;
    }
  };

  // Tokens are short: a byte-at-a-time hash (FNV-1a) waits on a
  // multiplication per byte. This one reads overlapping words (two 4-byte reads cover 4-8 bytes,
  // two 8-byte reads 8-16) and multiplies once per 8 bytes. Its last step is a multiplication, so
  // the top bits, which pick the slot, depend on every byte.
  static std::uint64_t hash_of(std::string_view key) {
    constexpr std::uint64_t kOdd1 = 0x9E3779B97F4A7C15ULL;
    constexpr std::uint64_t kOdd2 = 0xC2B2AE3D27D4EB4FULL;
    const char* bytes = key.data();
    const std::size_t size = key.size();
    std::uint64_t first = 0;
    std::uint64_t last = 0;
    if (size >= 8) {
      first = load<std::uint64_t>(bytes);
      for (std::size_t i = 8; i + 8 < size; i += 8) first = (first * kOdd1) ^ load<std::uint64_t>(bytes + i);
      last = load<std::uint64_t>(bytes + size - 8);
    } else if (size >= 4) {
      first = load<std::uint32_t>(bytes);
      last = load<std::uint32_t>(bytes + size - 4);
    } else if (size > 0) {
      first = static_cast<unsigned char>(bytes[0]) |
              static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[size / 2])) << 8 |
              static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[size - 1])) << 16;
    }
    std::uint64_t hash = (first * kOdd1) ^ ((last + size) * kOdd2);
    hash ^= hash >> 29;
    return hash * kOdd1;
  }

  template <typename Word>
  static std::uint64_t load(const char* bytes) {
    Word word;
    std::memcpy(&word, bytes, sizeof word);
    return word;
  }

  // The index of the slot holding `key`, or of the free slot where it would go.
  std::size_t index_of(std::string_view key, std::uint64_t hash) const {
    std::size_t at = hash >> shift_;
    while (slots_[at].data && !slots_[at].holds(key)) at = (at + 1) & (slots_.size() - 1);
    return at;
  }

  void rehash(std::size_t capacity) {
    std::vector<Slot> old(capacity);
    old.swap(slots_);
    shift_ = 64 - std::countr_zero(capacity);
    for (const Slot& slot : old) {
      if (!slot.data) continue;
      const std::string_view key(slot.data, slot.size);
      slots_[index_of(key, hash_of(key))] = slot;
    }
  }

  std::vector<Slot> slots_;  // a power of two of them
  int shift_ = 64;
  std::size_t size_ = 0;
};

}  // namespace precis::detail
