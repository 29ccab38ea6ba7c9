fib:
      d0:  49 83 ee 01                    sub r14,1
      d4:  0f 82 8a 00 00 00              jb 0x0000000000000164
      da:  48 83 ff 02                    cmp rdi,2
      de:  7d 08                          jge short 0x00000000000000E8
      e0:  48 89 f8                       mov rax,rdi
      e3:  49 83 c6 01                    add r14,1
      e7:  c3                             ret
      e8:  49 3b 67 20                    cmp rsp,[r15+0x20]
      ec:  72 76                          jb short 0x0000000000000164
      ee:  53                             push rbx
      ef:  55                             push rbp
      f0:  41 54                          push r12
      f2:  48 89 fb                       mov rbx,rdi
      f5:  48 8d 6b ff                    lea rbp,[rbx-1]
      f9:  49 83 ee 01                    sub r14,1
      fd:  72 65                          jb short 0x0000000000000164
      ff:  48 83 fd 02                    cmp rbp,2
     103:  7c 1d                          jl short 0x0000000000000122
     105:  48 8d 7d ff                    lea rdi,[rbp-1]
     109:  e8 c2 ff ff ff                 call 0x00000000000000D0
     10e:  49 89 c4                       mov r12,rax
     111:  48 8d 7d fe                    lea rdi,[rbp-2]
     115:  e8 b6 ff ff ff                 call 0x00000000000000D0
     11a:  49 01 c4                       add r12,rax
     11d:  70 52                          jo short 0x0000000000000171
     11f:  4c 89 e5                       mov rbp,r12
     122:  48 8d 5b fe                    lea rbx,[rbx-2]
     126:  48 83 fb 02                    cmp rbx,2
     12a:  7d 06                          jge short 0x0000000000000132
     12c:  49 83 c6 01                    add r14,1
     130:  eb 21                          jmp short 0x0000000000000153
     132:  48 8d 7b ff                    lea rdi,[rbx-1]
     136:  e8 95 ff ff ff                 call 0x00000000000000D0
     13b:  49 89 c4                       mov r12,rax
     13e:  48 8d 7b fe                    lea rdi,[rbx-2]
     142:  e8 89 ff ff ff                 call 0x00000000000000D0
     147:  49 01 c4                       add r12,rax
     14a:  70 25                          jo short 0x0000000000000171
     14c:  49 83 c6 01                    add r14,1
     150:  4c 89 e3                       mov rbx,r12
     153:  48 89 e8                       mov rax,rbp
     156:  48 01 d8                       add rax,rbx
     159:  70 16                          jo short 0x0000000000000171
     15b:  49 83 c6 01                    add r14,1
     15f:  41 5c                          pop r12
     161:  5d                             pop rbp
     162:  5b                             pop rbx
     163:  c3                             ret
     164:  49 c7 47 18 04 00 00 00        mov qword ptr [r15+0x18],4
     16c:  e9 02 ff ff ff                 jmp 0x0000000000000073
     171:  49 c7 47 18 03 00 00 00        mov qword ptr [r15+0x18],3
     179:  e9 f5 fe ff ff                 jmp 0x0000000000000073

tak:
     180:  49 83 ee 01                    sub r14,1
     184:  0f 82 84 00 00 00              jb 0x000000000000020E
     18a:  48 39 fe                       cmp rsi,rdi
     18d:  7c 08                          jl short 0x0000000000000197
     18f:  48 89 d0                       mov rax,rdx
     192:  49 83 c6 01                    add r14,1
     196:  c3                             ret
     197:  49 3b 67 20                    cmp rsp,[r15+0x20]
     19b:  72 71                          jb short 0x000000000000020E
     19d:  53                             push rbx
     19e:  55                             push rbp
     19f:  41 54                          push r12
     1a1:  41 55                          push r13
     1a3:  48 83 ec 08                    sub rsp,8
     1a7:  48 89 fb                       mov rbx,rdi
     1aa:  48 89 f5                       mov rbp,rsi
     1ad:  48 89 14 24                    mov [rsp],rdx
     1b1:  48 8d 7b ff                    lea rdi,[rbx-1]
     1b5:  48 89 ee                       mov rsi,rbp
     1b8:  48 8b 14 24                    mov rdx,[rsp]
     1bc:  e8 bf ff ff ff                 call 0x0000000000000180
     1c1:  49 89 c5                       mov r13,rax
     1c4:  48 89 ef                       mov rdi,rbp
     1c7:  48 83 ef 01                    sub rdi,1
     1cb:  70 4e                          jo short 0x000000000000021B
     1cd:  48 8b 34 24                    mov rsi,[rsp]
     1d1:  48 89 da                       mov rdx,rbx
     1d4:  e8 a7 ff ff ff                 call 0x0000000000000180
     1d9:  49 89 c4                       mov r12,rax
     1dc:  48 8b 3c 24                    mov rdi,[rsp]
     1e0:  48 83 ef 01                    sub rdi,1
     1e4:  70 35                          jo short 0x000000000000021B
     1e6:  48 89 de                       mov rsi,rbx
     1e9:  48 89 ea                       mov rdx,rbp
     1ec:  e8 8f ff ff ff                 call 0x0000000000000180
     1f1:  4c 89 ef                       mov rdi,r13
     1f4:  4c 89 e6                       mov rsi,r12
     1f7:  48 89 c2                       mov rdx,rax
     1fa:  e8 81 ff ff ff                 call 0x0000000000000180
     1ff:  49 83 c6 01                    add r14,1
     203:  48 83 c4 08                    add rsp,8
     207:  41 5d                          pop r13
     209:  41 5c                          pop r12
     20b:  5d                             pop rbp
     20c:  5b                             pop rbx
     20d:  c3                             ret
     20e:  49 c7 47 18 04 00 00 00        mov qword ptr [r15+0x18],4
     216:  e9 58 fe ff ff                 jmp 0x0000000000000073
     21b:  49 c7 47 18 03 00 00 00        mov qword ptr [r15+0x18],3
     223:  e9 4b fe ff ff                 jmp 0x0000000000000073

