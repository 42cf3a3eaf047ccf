# Warnings for the project's own targets: -Wall -Wextra -Wpedantic, -Werror in CI.
function(ombuds_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # GCC 12 warns falsely about "literal" + std::string once enough is inlined
    # (gcc.gnu.org/PR105651, fixed in 13); clang and later GCCs keep the check.
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(OMBUDS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
