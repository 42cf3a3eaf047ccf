# Warnings for the project's own targets: -Wall -Wextra -Wpedantic, -Werror in CI.
function(ombuds_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(OMBUDS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
