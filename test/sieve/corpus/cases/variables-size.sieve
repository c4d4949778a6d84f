# messages: plain.eml
require ["variables", "fileinto"];
set "a" "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789";
set "b" "${a}${a}${a}${a}${a}${a}${a}${a}${a}${a}";
set "c" "${b}${b}${b}${b}${b}";
set :length "l" "${c}";
fileinto "len-${l}";
