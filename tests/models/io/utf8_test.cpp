// UTF-8 checking where text enters (models/io/utf8.hpp).
#include <doctest/doctest.h>

#include <string>

#include "models/errors.hpp"
#include "models/io/utf8.hpp"

using namespace negsim;

TEST_CASE("utf8: well-formed text passes, the first bad byte is found") {
  CHECK(first_invalid_utf8("") == kValidUtf8);
  CHECK(first_invalid_utf8("ascii, café, 中文, 😀") == kValidUtf8);
  CHECK(first_invalid_utf8("Caf\xe9") == 3);             // Latin-1
  CHECK(first_invalid_utf8("ab\xc3") == 2);              // truncated
  CHECK(first_invalid_utf8("\xc0\xaf") == 0);            // overlong '/'
  CHECK(first_invalid_utf8("\xe0\x80\xaf") == 0);        // overlong
  CHECK(first_invalid_utf8("x\xed\xa0\x80") == 1);       // surrogate U+D800
  CHECK(first_invalid_utf8("\xf4\x90\x80\x80") == 0);    // above U+10FFFF
  CHECK(first_invalid_utf8("\x80") == 0);                // lone continuation byte
}

TEST_CASE("utf8: require_utf8 reports file:line:col of the bad byte") {
  try {
    require_utf8("title: ok\nname: Caf\xe9\n", "s.yaml");
    FAIL("accepted");
  } catch (const InputError& e) {
    CHECK(e.line() == 2);
    CHECK(e.column() == 10);
    CHECK(e.message() == "the file is not valid UTF-8 (byte 0xE9)");
    CHECK_FALSE(e.hint().empty());
  }
  CHECK_NOTHROW(require_utf8("é\n中", "s.yaml"));
}
