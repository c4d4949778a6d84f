# messages: plain.eml encoded.eml
require ["variables", "fileinto"];
set "s" "${unknown}Hello World";
set :lower "a" "${s}";
set :upper "b" "${s}";
set :lowerfirst "c" "${s}";
set :upperfirst :lower "d" "${s}";
set :length "e" "${s}";
set :quotewildcard "f" "a*b?c\\d";
set :length :upper "g" "héllo";
set "NAME" "case";
fileinto "${a}|${b}|${c}|${d}|${e}|${f}|${g}|${name}";
