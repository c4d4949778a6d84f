# messages: plain.eml
require ["variables", "fileinto"];
set  "v0" "Hello World";
set :lower "v1" "Hello World";
set :upper "v2" "Hello World";
set :lowerfirst "v3" "Hello World";
set :upperfirst "v4" "Hello World";
set :quotewildcard "v5" "Hello World";
set :length "v6" "Hello World";
set :upper :lowerfirst "v7" "Hello World";
set :lower :upperfirst "v8" "Hello World";
set :length :quotewildcard "v9" "Hello World";
set :upperfirst :quotewildcard "v10" "Hello World";
set :lower :length "v11" "Hello World";
fileinto "m0:[${v0}][${v1}][${v2}][${v3}]";
fileinto "m4:[${v4}][${v5}][${v6}][${v7}]";
fileinto "m8:[${v8}][${v9}][${v10}][${v11}]";
