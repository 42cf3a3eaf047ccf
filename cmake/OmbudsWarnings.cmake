# Warnings for the project's own targets: -Wall -Wextra -Wpedantic, -Werror in CI.
function(ombuds_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(OMBUDS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(OMBUDS_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                              -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
